import Foundation
import LinliTestSupport
import Models
import Postgres
import Testing

@testable import JobQueue

@Suite("Business transactions run again after a deadlock")
struct TransactionRetryTests {
    @Test func twoTransactionsThatDeadlockBothCommitAndEachEventIsPublishedOnce() async throws {
        let harness = try await QueueHarness.make()
        try await harness.pool.execute("CREATE TABLE counters (id int PRIMARY KEY, value int NOT NULL)")
        try await harness.pool.execute("INSERT INTO counters VALUES (1, 0), (2, 0)")
        try await harness.jobs.subscribe(queue: "retry", to: [CompoundRenamed.topic])
        let locked = Counter()  // first attempts that hold their first row
        let attempts = Counter()
        // Each locks one row, waits until the other holds the other row, then wants it: one of them is
        // chosen as the deadlock victim, rolled back and run again.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (first, second) in [(1, 2), (2, 1)] {
                group.addTask {
                    try await harness.jobs.withTransaction { tx, outbox in
                        let attempt = attempts.increment()
                        try tx.execute("UPDATE counters SET value = value + 1 WHERE id = \(first)")
                        if attempt <= 2 {
                            locked.increment()
                            while locked.value < 2 { try await Task.sleep(for: .milliseconds(5)) }
                        }
                        try tx.execute("UPDATE counters SET value = value + 1 WHERE id = \(second)")
                        try outbox.publish(CompoundRenamed(compoundID: first, name: "小区\(first)", revision: 1), on: tx)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(attempts.value == 3, "one of the two ran twice")
        #expect(try await harness.count("SELECT sum(value) FROM counters") == 4)
        #expect(try await harness.count("SELECT count(*) FROM queue.jobs WHERE queue = 'retry'") == 2)
    }
}
