import Foundation
import JobQueue
import LinliTestSupport
import Logging
import Models
import Postgres
import ServiceLifecycle
import Testing

/// A database with the queue schema, the queue client, and helpers to run workers in tests.
struct QueueHarness: Sendable {
    let database: TestDatabase
    let pool: PostgresPool
    let doorbell: Doorbell
    let wakeups: QueueWakeups
    let jobs: JobQueue
    let admin: QueueAdmin
    let logger: Logger

    static func make(_ label: String = #function, in cluster: TestCluster? = nil) async throws -> QueueHarness {
        let database = try await TestDatabase.make(label, in: cluster)
        return try await make(database: database)
    }

    static func make(database: TestDatabase) async throws -> QueueHarness {
        let logger = testLogger("test.queue")
        let pool = database.makePool(maxConnections: 12)
        try await Migrator(pool: pool, logger: logger).apply(try QueueSchema.migrations())
        try await pool.execute(SQL(unsafeSQL: FixtureEffect.createTable))
        let doorbell = Doorbell(connection: database.configuration(), logger: logger)
        let wakeups = QueueWakeups(connection: database.configuration(), probeInterval: .seconds(1), logger: logger)
        return QueueHarness(
            database: database,
            pool: pool,
            doorbell: doorbell,
            wakeups: wakeups,
            jobs: JobQueue(pool: pool, doorbell: doorbell),
            admin: QueueAdmin(pool: pool, doorbell: doorbell),
            logger: logger
        )
    }

    func makeWorker(_ configuration: JobWorker.Configuration) -> JobWorker {
        JobWorker(configuration: configuration, jobs: jobs, wakeups: wakeups, logger: logger)
    }

    /// Runs the doorbell, the listener and `services` while `body` runs, then shuts them down gracefully.
    func running<T: Sendable>(_ services: [any Service], _ body: @Sendable () async throws -> T) async throws -> T {
        try await withRunning([doorbell, wakeups] + services, logger: logger, body)
    }

    /// Waits until `condition` holds, failing after `timeout`.
    func waitUntil(
        timeout: Duration = .seconds(120),
        _ what: String = "condition",
        _ condition: @Sendable () async throws -> Bool
    ) async throws {
        try await LinliTestSupport.waitUntil(what, timeout: timeout, condition)
    }

    /// The single integer a query returns.
    func count(_ sql: SQL) async throws -> Int {
        try await pool.query(sql).scalar(Int.self) ?? 0
    }

    /// The state of a job, wherever it is.
    func state(of id: Int) async throws -> String? {
        try await pool.query(
            "SELECT state::text FROM queue.jobs WHERE id = \(id) UNION ALL SELECT state::text FROM queue.finished WHERE id = \(id)"
        ).scalar(String.self)
    }
}

/// Payloads used by in-process worker tests.
struct Echo: JobPayload, Equatable {
    static let kind = "test.echo"
    var text: String
}

struct AlwaysFails: JobPayload {
    static let kind = "test.always-fails"
    var reason: String
}
