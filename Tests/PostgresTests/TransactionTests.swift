import Foundation
import LinliTestSupport
import Postgres
import Testing

@Suite("Transactions commit, roll back and retry")
struct TransactionTests {
    let pool: PostgresPool

    init() async throws {
        pool = try await TestDatabase.make("transactions").makePool(maxConnections: 4)
        try await pool.execute("CREATE TABLE ledger (id serial PRIMARY KEY, amount int NOT NULL)")
    }

    struct Boom: Error {}

    @Test func commitKeepsAndThrowRollsBack() async throws {
        try await pool.withTransaction { tx in try tx.execute("INSERT INTO ledger (amount) VALUES (1)") }
        await #expect(throws: Boom.self) {
            try await pool.withTransaction { tx in
                try tx.execute("INSERT INTO ledger (amount) VALUES (2)")
                throw Boom()
            }
        }
        #expect(try await pool.query("SELECT array_agg(amount) FROM ledger").scalar([Int].self) == [1])
    }

    @Test func aSwallowedStatementErrorStillFailsTheCommit() async throws {
        let error = await #expect(throws: PostgresError.self) {
            try await pool.withTransaction { tx in
                try tx.execute("INSERT INTO ledger (amount) VALUES (3)")
                _ = try? tx.execute("INSERT INTO ledger (amount) VALUES (NULL)")
            }
        }
        #expect(error?.code == .unexpectedResult)
        #expect(try await pool.query("SELECT count(*) FROM ledger WHERE amount = 3").scalar(Int.self) == 0)
    }

    @Test func isolationLevelIsApplied() async throws {
        let level = try await pool.withTransaction(isolation: .serializable) { tx in
            try tx.query("SHOW transaction_isolation").scalar(String.self)
        }
        #expect(level == "serializable")
        await #expect(throws: PostgresError.self) {
            try await pool.withTransaction(readOnly: true) { tx in try tx.execute("INSERT INTO ledger (amount) VALUES (4)") }
        }
    }

    @Test func serializationFailuresAreRetried() async throws {
        try await pool.execute("INSERT INTO ledger (amount) VALUES (100)")
        let attempts = Counter()
        let firstReads = Counter()
        // Two serializable transactions that read the sum and write: one must fail and be retried.
        // Each first attempt waits until both have read, so they overlap however slow the machine.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    let mine = Counter()
                    try await pool.withRetryingTransaction(isolation: .serializable, maxAttempts: 10) { tx in
                        attempts.increment()
                        let sum = try tx.query("SELECT sum(amount)::int8 FROM ledger").scalar(Int.self) ?? 0
                        if mine.increment() == 1 {
                            firstReads.increment()
                            let deadline = ContinuousClock.now + .seconds(10)
                            while firstReads.value < 2, ContinuousClock.now < deadline {
                                try await Task.sleep(for: .milliseconds(5))
                            }
                        }
                        try tx.execute("INSERT INTO ledger (amount) VALUES (\(sum))")
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(attempts.value >= 3)
        // Serial outcome: 100, then 100 + 100 = 200 → rows 100, 100, 200.
        #expect(try await pool.query("SELECT array_agg(amount ORDER BY amount) FROM ledger").scalar([Int].self) == [100, 100, 200])
    }

    @Test func serverErrorsCarrySQLStateButNoDataInTheirDescription() async throws {
        try await pool.execute("CREATE TABLE people (phone text UNIQUE)")
        try await pool.execute("INSERT INTO people VALUES (\("13800001234"))")
        let error = await #expect(throws: PostgresError.self) {
            try await pool.execute("INSERT INTO people VALUES (\("13800001234"))")
        }
        #expect(error?.isUniqueViolation == true)
        #expect(error?.sqlState == "23505")
        #expect(error?.constraint == "people_phone_key")
        let shown = error.map(String.init(describing:)) ?? ""
        #expect(!shown.contains("13800001234"))
        #expect(!shown.contains("INSERT"))
        #expect(error?.detail?.contains("13800001234") == true)  // kept for logs via String(reflecting:)
    }
}
