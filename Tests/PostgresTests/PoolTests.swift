import Foundation
import LinliTestSupport
import Logging
import Postgres
import Testing

@Suite("The pool lends, waits, times out and replaces broken connections")
struct PoolTests {
    let database: TestDatabase

    init() async throws {
        database = try await TestDatabase.make("pool")
    }

    @Test func exhaustionTimesOutWithAClearError() async throws {
        let pool = database.makePool(maxConnections: 1, acquireTimeout: .milliseconds(200))
        let holding = AsyncStream<Void>.makeStream()
        let release = AsyncStream<Void>.makeStream()
        let holder = Task {
            try await pool.withConnection { _ in
                holding.continuation.yield()
                for await _ in release.stream { break }
            }
        }
        for await _ in holding.stream { break }
        let error = await #expect(throws: PostgresError.self) {
            _ = try await pool.query("SELECT 1")
        }
        #expect(error?.code == .poolTimeout)
        #expect(error?.description.contains("poolTimeout") == true)
        release.continuation.yield()
        try await holder.value
        #expect(try await pool.query("SELECT 1").scalar(Int.self) == 1)
        await pool.shutdown()
    }

    @Test func waitersAreServedInTurnWhenConnectionsReturn() async throws {
        let pool = database.makePool(maxConnections: 2, acquireTimeout: .seconds(60))
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<40 {
                group.addTask { try await pool.query("SELECT \(index), pg_sleep(0.005)").scalar(Int.self) ?? -1 }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.sorted() == Array(0..<40))
        let statistics = pool.statistics
        #expect(statistics.inUse == 0)
        #expect(statistics.waiting == 0)
        #expect(statistics.idle <= 2)
        await pool.shutdown()
    }

    @Test func terminatedBackendIsReplacedAndTheNextQuerySucceeds() async throws {
        let pool = database.makePool(maxConnections: 1)
        let victim = try await pool.query("SELECT pg_backend_pid()").scalar(Int32.self) ?? 0
        let admin = database.makePool(maxConnections: 1)
        #expect(try await admin.query("SELECT pg_terminate_backend(\(victim))").scalar(Bool.self) == true)
        // Wait until the server has really ended that session.
        for _ in 0..<200 {
            let alive = try await admin.query("SELECT count(*) FROM pg_stat_activity WHERE pid = \(victim)").scalar(Int.self)
            if alive == 0 { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        let next = try await pool.query("SELECT pg_backend_pid()").scalar(Int32.self)
        #expect(next != nil)
        #expect(next != victim)
        await pool.shutdown()
        await admin.shutdown()
    }

    @Test func aConnectionLostMidQueryIsReportedThenReplaced() async throws {
        let pool = database.makePool(maxConnections: 1)
        let admin = database.makePool(maxConnections: 1)
        let victim = try await pool.query("SELECT pg_backend_pid()").scalar(Int32.self) ?? 0
        async let killed: Void = {
            try await Task.sleep(for: .milliseconds(200))
            _ = try await admin.query("SELECT pg_terminate_backend(\(victim))")
        }()
        let error = await #expect(throws: PostgresError.self) { _ = try await pool.query("SELECT pg_sleep(5)") }
        try await killed
        #expect(error?.isConnectionLost == true)
        #expect(try await pool.query("SELECT 1").scalar(Int.self) == 1)
        await pool.shutdown()
        await admin.shutdown()
    }

    @Test func aFailedTransactionDoesNotPoisonTheNextBorrower() async throws {
        let pool = database.makePool(maxConnections: 1)
        await #expect(throws: PostgresError.self) {
            try await pool.withConnection { connection in
                try connection.executeScript("BEGIN")
                try connection.execute("SELECT 1/0")
            }
        }
        // Reusing the session would fail with 25P02 (in failed transaction); a replaced one answers.
        #expect(try await pool.query("SELECT 1").scalar(Int.self) == 1)
        #expect(try await pool.query("SELECT 1").scalar(Int.self) == 1)
        await pool.shutdown()
    }

    @Test func shutdownFailsLaterCallsClearly() async throws {
        let pool = database.makePool(maxConnections: 1)
        _ = try await pool.query("SELECT 1")
        await pool.shutdown()
        let error = await #expect(throws: PostgresError.self) { _ = try await pool.query("SELECT 1") }
        #expect(error?.code == .poolClosed)
    }

    @Test func multiHostStringsFollowTheWritableServer() async throws {
        let port = database.cluster.port
        let unused = 1  // nothing listens on port 1: libpq moves on to the next host
        let configuration = PostgresConfiguration(
            connectionString:
                "host=127.0.0.1,127.0.0.1 port=\(unused),\(port) dbname=\(database.name) user=linli target_session_attrs=read-write connect_timeout=2"
        )
        let connection = try await PostgresConnection.connect(configuration, logger: Logger(label: "test"))
        #expect(try await connection.query("SELECT current_setting('port')").scalar(String.self) == String(port))
        await connection.close()
    }

    @Test func connectionErrorsNeverShowThePassword() async throws {
        let secret = "s3cr3t-Pa55"
        let configuration = PostgresConfiguration(
            connectionString: "postgresql://linli:\(secret)@127.0.0.1:1/postgres?connect_timeout=1"
        )
        let error = await #expect(throws: PostgresError.self) {
            _ = try await PostgresConnection.connect(configuration, logger: Logger(label: "test"))
        }
        #expect(error?.code == .connectionFailed)
        #expect(error.map { String(describing: $0).contains(secret) } == false)
        #expect(error.map { String(reflecting: $0).contains(secret) } == false)
        #expect(!configuration.redactedDescription.contains(secret))
        #expect(configuration.redactedDescription.contains("port=1"))
    }
}
