import AnalyticsCity
import AnalyticsService
import Foundation
import Models
import Postgres
import Testing

@Suite("Facts keep their dimensions and are counted once")
struct FactsTests {
    @Test func aResidentWhoMovesKeepsPastFactsUnderTheOldCompound() async throws {
        let env = try await AnalyticsTestEnvironment.make(suppressionThreshold: 1)
        try await env.ingest([Scenario.territory() + [Scenario.resident(7, compound: 1, household: 11)]])
        try await env.ingest([[Scenario.attendance(1, resident: 7, compound: 1, household: 11, at: Scenario.day(1, 10))]])
        let moved = ResidentMoved(
            residentID: 7,
            from: Scenario.placement(compound: 1, household: 11),
            to: Scenario.placement(compound: 3, household: 31),
            movedAt: Scenario.day(1, 20),
            revision: 2
        )
        try await env.ingest([[moved]])
        try await env.ingest([[Scenario.attendance(2, resident: 7, compound: 3, household: 31, at: Scenario.day(2, 5))]])
        let rows = try await env.rows("/v1/metrics/attendances?from=2025-01-01&to=2025-03-01&groupBy=compound")
        let values = Dictionary(
            uniqueKeysWithValues: rows.map { ("\(($0["ts"] as! String).prefix(7)) \($0["compoundID"]!)", $0["value"] as? Double) }
        )
        #expect(values["2025-01 1"] == 1)
        #expect(values["2025-01 3"] == 0)
        #expect(values["2025-02 1"] == 0)
        #expect(values["2025-02 3"] == 1)
        // By area too: January stays in district 10, February is in district 11.
        let areas = try await env.rows("/v1/metrics/unique-residents?from=2025-01-01&to=2025-03-01&groupBy=area")
        let byArea = Dictionary(uniqueKeysWithValues: areas.map { ("\(($0["ts"] as! String).prefix(7)) \($0["areaID"]!)", $0["value"] as? Double) })
        #expect(byArea["2025-01 10"] == 1)
        #expect(byArea["2025-02 11"] == 1)
        #expect(byArea["2025-02 10"] == 0)
        // The household counts moved with them: compound 1 has one resident fewer, compound 3 one more.
        let residents = try await env.pool.query(
            "SELECT p.compound_id, s.residents FROM analytics.place_state s JOIN analytics.places p ON p.id = s.place_id WHERE s.dim = '-' ORDER BY 1"
        )
        let counts = try residents.map { (try $0.decode(0, as: Int.self), try $0.decode(1, as: Double.self)) }
        #expect(counts.first { $0.0 == 1 }?.1 == 0)
        #expect(counts.first { $0.0 == 3 }?.1 == 1)
    }

    @Test func redeliveredEventsAreNotCountedTwice() async throws {
        let env = try await AnalyticsTestEnvironment.make()
        let city = CityGenerator.generate(
            CityScale(districts: 1, compounds: 2, households: 10, residents: 20, months: 2, attendances: 80, seed: 3),
            timeZone: env.configuration.timeZone
        )
        let phases = city.eventPhases()
        try await env.ingest(phases)
        let first = try await RollupDigest.read(env.pool)
        #expect(first.rows > 20)
        // Republished after they were consumed: the queue's record of consumed event ids skips them.
        try await env.ingest(phases)
        #expect(try await RollupDigest.read(env.pool) == first)
        // Even with that record gone, the facts' own unique keys keep every count as it was.
        try await env.pool.execute("DELETE FROM queue.consumed_events WHERE queue = 'analytics'")
        try await env.ingest(phases)
        #expect(try await RollupDigest.read(env.pool) == first)
        let consumed = try await env.pool.query("SELECT count(*) FROM queue.consumed_events WHERE queue = 'analytics'").scalar(Int.self)
        #expect(consumed == phases.joined().count)
    }

    @Test func personalDataIsNotKept() async throws {
        let env = try await AnalyticsTestEnvironment.make()
        let chat = GroupChatChanged(compoundID: 1, chatID: 9, name: "群", robotWebhook: "https://qyapi.example/send?key=SECRET", revision: 1)
        try await env.ingest([Scenario.territory() + [Scenario.resident(7, compound: 1, household: 11), chat]])
        let dump =
            try await env.pool.query(
                """
                SELECT string_agg(t::text, ' ') FROM (
                    SELECT row_to_json(f)::text AS t FROM analytics.facts f UNION ALL SELECT row_to_json(r)::text FROM analytics.residents r
                    UNION ALL SELECT row_to_json(g)::text FROM analytics.group_chats g) AS rows
                """
            ).scalar(String.self) ?? ""
        #expect(!dump.contains("13800000000"))
        #expect(!dump.contains("SECRET"))
        #expect(dump.contains("\"has_robot\":true"))
    }
}
