import AnalyticsCity
import AnalyticsService
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The dashboard reads several metrics together; what it shows must be what each metric answers alone.
@Suite("The dashboard agrees with the metrics API")
struct DashboardAgreementTests {
    @Test func itsCompoundListsAreTheMetricsOfTheMonth() async throws {
        let env = try await AnalyticsTestEnvironment.make(suppressionThreshold: 1)
        let now = Date()
        let city = CityGenerator.generate(.small, now: now, timeZone: env.configuration.timeZone)
        try await env.ingest(city.eventPhases())
        let buckets = Buckets(timeZone: env.configuration.timeZone)
        let start = buckets.start(of: .month, containing: buckets.calendar.date(byAdding: .month, value: -1, to: now) ?? now)
        let month = String(buckets.label(start).prefix(7))
        let range = "from=\(buckets.label(start))&to=\(buckets.label(buckets.next(.month, after: start)))&groupBy=compound"
        let attendances = try await env.rows("/v1/metrics/attendances?\(range)").filter { Self.id($0) != 0 }
        let coverage = try await env.rows("/v1/metrics/household-coverage?\(range)").filter { Self.id($0) != 0 }
        let held = try await env.rows("/v1/metrics/activities-held?\(range)")
        #expect(!attendances.isEmpty, "the small city has attendances in \(month)")

        let headers = try await env.headers(AnalyticsTestEnvironment.dashboard)
        let html = try await env.test { client in
            try await client.execute(uri: "/dashboard?month=\(month)", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
        }
        // Compounds without an activity held: those with a coverage row and no activities, in id order.
        let active = Set(held.filter { ($0["value"] as? Double ?? 0) > 0 }.map(Self.id))
        let idle = coverage.filter { !active.contains(Self.id($0)) }.prefix(20).map(Self.name)
        let shown = try #require(Self.section(after: "本月未开展活动的小区</h2><p class=\"list\">", in: html))
        #expect(shown == (idle.isEmpty ? "无" : idle.joined(separator: "、")))

        // The compound with the most attendances leads the ranking.
        let top = try #require(attendances.max { ($0["value"] as? Double ?? -1) < ($1["value"] as? Double ?? -1) })
        let ranking = try #require(Self.section(after: "小区参与人次排行（本月）</h2>", in: html))
        let firstBar = try #require(Self.section(after: "class=\"label\" text-anchor=\"end\">", in: ranking, until: "<"))
        let topValue = top["value"] as? Double ?? -1
        let leaders = attendances.filter { ($0["value"] as? Double ?? -1) == topValue }.map { String(Self.name($0).prefix(10)) }
        #expect(leaders.contains(firstBar), "\(firstBar) leads the ranking, not one of \(leaders)")
    }

    static func id(_ row: [String: Any]) -> Int { (row["compoundID"] as? Int) ?? Int(row["compoundID"] as? Double ?? -1) }
    static func name(_ row: [String: Any]) -> String { row["compound"] as? String ?? "小区 \(id(row))" }

    /// The text between `start` and the next `until`.
    static func section(after start: String, in text: String, until: String = "</p>") -> String? {
        guard let from = text.range(of: start)?.upperBound, let to = text.range(of: until, range: from..<text.endIndex)?.lowerBound else {
            return nil
        }
        return String(text[from..<to])
    }
}
