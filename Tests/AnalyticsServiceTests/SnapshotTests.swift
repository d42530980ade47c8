import AnalyticsService
import Foundation
import Models
import Testing

@Suite("Gauges keep their history through daily snapshots")
struct SnapshotTests {
    @Test func aPastBucketShowsItsSnapshotAndTheCurrentOneTheStateNow() async throws {
        let env = try await AnalyticsTestEnvironment.make()
        try await env.ingest([Scenario.territory()])
        // The daily job copies the gauges into January's buckets: no compound has a group chat yet.
        try await env.service.snapshotGauges(at: Scenario.day(1, 31))
        try await env.ingest([[GroupChatChanged(compoundID: 1, chatID: 1, name: "枫林小区居民群", robotWebhook: nil, revision: 1)]])
        let rows = try await env.rows("/v1/metrics/compounds-with-group-chat?from=2025-01-01")
        let values = rows.map { ($0["ts"] as! String, $0["value"] as? Double) }
        #expect(values.first?.0.hasPrefix("2025-01") == true)
        #expect(values.first?.1 == 0, "January keeps what its snapshot saw")
        #expect(values.dropFirst().allSatisfy { $0.1 == 1 }, "later months without a snapshot, and this month, show the state now")
        #expect(values.count > 2)
        // Taking a snapshot again in the same buckets replaces it.
        try await env.service.snapshotGauges(at: Scenario.day(1, 31))
        let again = try await env.rows("/v1/metrics/compounds-with-group-chat?from=2025-01-01&to=2025-02-01")
        #expect(again.first?["value"] as? Double == 1)
    }
}
