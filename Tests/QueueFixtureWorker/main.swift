import Foundation
import JobQueue
import LinliTestSupport
import Logging
import Postgres
import ServiceLifecycle
import UnixSignals

// A worker process for the queue's fault tests: runs FixtureEffect jobs of one queue until SIGTERM.
// Settings come from the environment: LINLI_DATABASE_URL, FIXTURE_QUEUE, FIXTURE_LEASE_SECONDS,
// FIXTURE_CONCURRENCY, FIXTURE_POLL_MS.
let environment = ProcessInfo.processInfo.environment
let logger = Logger(label: "fixture-worker")
let connection = PostgresConfiguration(connectionString: environment["LINLI_DATABASE_URL"] ?? "", applicationName: "fixture-worker")
let pool = PostgresPool(configuration: .init(connection: connection, maxConnections: 8), logger: logger)
let doorbell = Doorbell(connection: connection, logger: logger)
let wakeups = QueueWakeups(connection: connection, logger: logger)
let jobs = JobQueue(pool: pool, doorbell: doorbell)
let worker = JobWorker(
    configuration: .init(
        queue: environment["FIXTURE_QUEUE"] ?? "fixture",
        concurrency: Int(environment["FIXTURE_CONCURRENCY"] ?? "") ?? 8,
        leaseDuration: .milliseconds(Int(1000 * (Double(environment["FIXTURE_LEASE_SECONDS"] ?? "") ?? 30))),
        pollInterval: .milliseconds(Int(environment["FIXTURE_POLL_MS"] ?? "") ?? 1000),
        shutdownTimeout: .seconds(5)
    ),
    jobs: jobs,
    wakeups: wakeups,
    logger: logger
)
worker.registerTransactional(FixtureEffect.self, retry: RetryPolicy(base: 0.05, maximum: 1)) { effect, context, tx, _ in
    if effect.sleepMilliseconds > 0 { try await Task.sleep(for: .milliseconds(effect.sleepMilliseconds)) }
    try tx.execute(
        "INSERT INTO fixture_effects (key, job_id, attempt, pid) VALUES (\(effect.key), \(context.jobID), \(context.attempt), \(Int(getpid())))"
    )
}
let group = ServiceGroup(
    configuration: .init(
        services: [.init(service: pool), .init(service: doorbell), .init(service: wakeups), .init(service: worker)],
        gracefulShutdownSignals: [.sigterm, .sigint],
        logger: logger
    )
)
try await group.run()
