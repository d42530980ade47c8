import Foundation
import LinliTestSupport
import Postgres
import ServiceKit
import Testing

@testable import ConcernsService

/// The escalation's pick of due rows runs once per statement (issue 23), on small tables and on ones
/// with the statistics of a city's concerns, with custom and generic plans.
@Suite("Escalation statements: the pick of due rows runs once")
struct EscalationPlanTests {
    static func repeatedLocks(_ env: ConcernsTestEnvironment) async throws -> [String] {
        let escalation = Escalation(jobs: env.runtime.jobs, configuration: env.configuration)
        return try await env.pool.withConnection { connection in
            var found: [String] = []
            for subject in ["concern", "action-item"] {
                for generic in [false, true] {
                    let plan = try QueryPlan.explain(escalation.statement(subject, now: Date()), generic: generic, on: connection)
                    found += plan.lockingNodesThatMayRunAgain.map { "\(subject): \($0)" }
                }
            }
            return found
        }
    }

    @Test func theDuePickRunsOnceOnSmallAndOnAnalysedTables() async throws {
        let env = try await ConcernsTestEnvironment.make()
        try await env.test { client in
            _ = try await env.raise(client, as: City.resident1Token)
            _ = try await env.raise(client, as: City.resident2Token, title: "草坪枯黄", category: "greening")
        }
        #expect(try await Self.repeatedLocks(env).isEmpty)
        try await env.pool.withConnection { connection in
            try PlannerStatistics.replicate("concerns.concerns", times: 5_000, on: connection)
        }
        #expect(try await env.pool.query("SELECT count(*) FROM concerns.concerns").scalar(Int.self) == 10_002)
        #expect(try await Self.repeatedLocks(env).isEmpty)
    }
}
