import Foundation
import LinliTestSupport
import Models
import Postgres
import Testing

@testable import JobQueue

/// The queue's "pick rows and lock them" statements keep their meaning whatever the planner chooses
/// (issue 23): each row-locking pick runs once per statement — as an InitPlan or a materialised CTE —
/// on a fresh table and on one with the statistics of a queue that has served a while, with the plan
/// made for the values (custom) and the one a prepared statement settles on (generic).
@Suite("Claim statements: row-locking picks run once per statement")
struct ClaimPlanTests {
    static func statements() -> [(name: String, sql: SQL)] {
        [
            ("claim", JobStore.claimStatement(queue: "echo", limit: 100, leaseSeconds: 30, worker: "test")),
            ("stage", JobStore.stageStatement(queue: "echo")),
            ("rescue", JobStore.rescueStatement(limit: 500)),
        ]
    }

    /// Plans every statement both ways; returns the row-locking nodes that may run more than once.
    static func repeatedLocks(_ harness: QueueHarness) async throws -> [String] {
        try await harness.pool.withConnection { connection in
            var found: [String] = []
            for (name, sql) in statements() {
                for generic in [false, true] {
                    let plan = try QueryPlan.explain(sql, generic: generic, on: connection)
                    found += plan.lockingNodesThatMayRunAgain.map { "\(name)\(generic ? " (generic)" : ""): \($0)" }
                }
            }
            return found
        }
    }

    @Test func everyPickRunsOnceOnSmallAndOnAnalysedTables() async throws {
        let harness = try await QueueHarness.make()
        #expect(try await Self.repeatedLocks(harness).isEmpty)
        // A queue that has served: jobs of several queues in every live state, about 60,000 rows, analysed.
        try await harness.jobs.withTransaction { tx, outbox in
            for (index, queue) in ["echo", "calendar", "notifications", "analytics"].enumerated() {
                for delay in [nil, 3_600.0] {
                    let options = JobOptions(queue: queue, runAt: delay.map { Date().addingTimeInterval($0 + Double(index)) })
                    try outbox.enqueue(Echo(text: "\(queue)"), options, on: tx)
                }
            }
        }
        try await harness.pool.withConnection { connection in
            try connection.execute(
                """
                UPDATE queue.jobs SET state = 'running', lease_token = gen_random_uuid(), lease_expires_at = now() + interval '30 s',
                       attempt = 1, attempted_at = now(), worker = 'elsewhere'
                WHERE queue = 'analytics' AND run_at <= now()
                """
            )
            try PlannerStatistics.replicate("queue.jobs", times: 7_500, on: connection)
        }
        #expect(try await harness.count("SELECT count(*) FROM queue.jobs") == 60_008)
        #expect(try await Self.repeatedLocks(harness).isEmpty)
    }

    @Test func theCheckFindsAPickThatRunsAgainInsideANestedLoop() async throws {
        // The checker itself: a LATERAL pick depends on the outer row, so it is the inner side of a nested
        // loop and runs once per outer row, which is what went wrong in issue 23.
        let harness = try await QueueHarness.make()
        let found = try await harness.pool.withConnection { connection -> [String] in
            let sql: SQL = """
                UPDATE queue.jobs j SET state = 'running'
                FROM queue.jobs o, LATERAL (SELECT id FROM queue.jobs i WHERE i.queue = o.queue AND i.state = 'available'
                                            ORDER BY priority, run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) picked
                WHERE o.queue = 'echo' AND j.id = picked.id
                """
            return try QueryPlan.explain(sql, on: connection).lockingNodesThatMayRunAgain
        }
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.contains("Nested Loop") == true, "\(found)")
    }
}
