import ArgumentParser
import Foundation
import JobQueue
import Logging
import Models
import Postgres
import ServiceLifecycle
import Synchronization
import UnixSignals

/// A no-op job for the queue benchmark; `sentAt` (Unix seconds) lets the handler measure wake-up latency.
struct BenchJob: JobPayload {
    static let kind = "bench.noop"
    var sentAt: Double?
}

/// `linli-bench queue-worker`: one worker process of the queue benchmark (started by `linli-bench queue`).
struct QueueBenchWorker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue-worker",
        abstract: "A benchmark worker process (started by `linli-bench queue`).",
        shouldDisplay: false
    )

    @OptionGroup var options: BenchOptions
    @Option var queue = "bench"
    @Option var concurrency = 64
    @Option var batchSize = 64
    @Option(help: "Unix time (seconds) at which to start claiming, so every process starts together.")
    var startAt: Double = 0
    @Option(help: "Write each job's latency (enqueue to handler start, ms) to this file at exit.")
    var latencyFile: String?

    func run() async throws {
        var logger = Logger(label: "bench-worker")
        logger.logLevel = .warning
        let connection = PostgresConfiguration(connectionString: try options.connectionString, applicationName: "linli-bench-worker")
        let pool = PostgresPool(configuration: .init(connection: connection, maxConnections: 4), logger: logger)
        let doorbell = Doorbell(connection: connection, logger: logger)
        let wakeups = QueueWakeups(connection: connection, logger: logger)
        let worker = JobWorker(
            configuration: .init(queue: queue, concurrency: concurrency, batchSize: batchSize),
            jobs: JobQueue(pool: pool, doorbell: doorbell),
            wakeups: wakeups,
            logger: logger
        )
        let latencies = LatencyLog()
        worker.register(BenchJob.self) { job, _ in
            if let sentAt = job.sentAt { latencies.append((Date().timeIntervalSince1970 - sentAt) * 1000) }
        }
        let delay = startAt - Date().timeIntervalSince1970
        if delay > 0 { try await Task.sleep(for: .seconds(delay)) }
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: pool), .init(service: doorbell), .init(service: wakeups), .init(service: worker)],
                gracefulShutdownSignals: [.sigterm],
                logger: logger
            )
        )
        try await group.run()
        if let latencyFile {
            try latencies.values.map { String(format: "%.3f", $0) }.joined(separator: "\n").write(
                toFile: latencyFile,
                atomically: true,
                encoding: .utf8
            )
        }
    }
}

/// Latencies recorded by concurrent handlers.
final class LatencyLog: Sendable {
    private let storage = Mutex<[Double]>([])
    func append(_ value: Double) { storage.withLock { $0.append(value) } }
    var values: [Double] { storage.withLock { $0 } }
}
