import Foundation
import JobQueue
import Logging
import Postgres
import Processes
import ServiceLifecycle

extension QueueBenchContext {
    /// (b) A producer offering `offeredRate` jobs/s (batches every 10 ms) to 2 worker processes for `seconds`.
    func sustained(seconds: Int, offeredRate: Double) async throws -> (completedRate: Double, depths: [Int], deadTuples: [Int]) {
        try await reset()
        let workers = try (0..<2).map { _ in try startWorker(queue: "bench", startAt: Date()) }
        let doorbell = Doorbell(connection: pool.configuration.connection, logger: logger)
        let client = JobQueue(pool: pool, doorbell: doorbell)
        try await Task.sleep(for: .seconds(2))
        let perTick = max(1, Int(offeredRate / 100))
        let result = try await withThrowingTaskGroup(of: [[Int]].self) { group in
            group.addTask {
                try await doorbell.run()
                return []
            }
            group.addTask {
                var samples: [[Int]] = []
                for _ in 0..<(seconds / 2) {
                    try await Task.sleep(for: .seconds(2))
                    let row = try await pool.query(
                        """
                        SELECT (SELECT count(*) FROM queue.jobs WHERE queue = 'bench') AS depth,
                               (SELECT n_dead_tup FROM pg_stat_user_tables WHERE schemaname = 'queue' AND relname = 'jobs') AS dead
                        """
                    )[0]
                    samples.append([try row.decode(0, as: Int.self), try row.decode(1, as: Int?.self) ?? 0])
                }
                return samples
            }
            let started = ContinuousClock.now
            var tick = 0
            while ContinuousClock.now - started < .seconds(seconds) {
                let batch = try (0..<perTick).map { _ in try NewJob(BenchJob(), options: .init(queue: "bench")) }
                try await client.enqueue(batch)
                tick += 1
                let next = started + .milliseconds(10 * tick)
                if next > ContinuousClock.now { try await Task.sleep(until: next) } else { tick = Int((ContinuousClock.now - started).seconds * 100) }
            }
            let samples = try await group.next() ?? []
            group.cancelAll()
            return samples
        }
        let completed = try await pool.query("SELECT count(*) FROM queue.finished WHERE queue = 'bench'").scalar(Int.self) ?? 0
        for worker in workers { worker.send(SIGTERM) }
        for worker in workers { _ = await worker.wait() }
        return (Double(completed) / Double(seconds), result.map { $0[0] }, result.map { $0[1] })
    }

    /// (c) Milliseconds from just before the enqueue call to the handler's start, for single jobs every 10 ms.
    func wakeUpLatency(jobs: Int) async throws -> (p50: Double, p99: Double, max: Double) {
        try await reset()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("linli-latency-\(UUID().uuidString).txt").path
        let worker = try startWorker(queue: "bench-latency", startAt: Date(), latencyFile: file)
        let doorbell = Doorbell(connection: pool.configuration.connection, logger: logger)
        let client = JobQueue(pool: pool, doorbell: doorbell)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await doorbell.run() }
            try await Task.sleep(for: .seconds(2))  // the worker is idle and listening
            for _ in 0..<jobs {
                try await client.enqueue(BenchJob(sentAt: Date().timeIntervalSince1970), .init(queue: "bench-latency"))
                try await Task.sleep(for: .milliseconds(10))
            }
            while try await pool.query("SELECT count(*) FROM queue.finished WHERE queue = 'bench-latency'").scalar(Int.self) ?? 0 < jobs {
                try await Task.sleep(for: .milliseconds(50))
            }
            group.cancelAll()
        }
        worker.send(SIGTERM)
        _ = await worker.wait()
        let values = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").compactMap { Double($0) }.sorted()
        try? FileManager.default.removeItem(atPath: file)
        guard values.count == jobs else { throw BenchError("the latency worker recorded \(values.count) of \(jobs) jobs") }
        func percentile(_ p: Double) -> Double { values[min(values.count - 1, Int(Double(values.count) * p))] }
        return (percentile(0.5), percentile(0.99), values.last ?? 0)
    }
}
