import AnalyticsCity
import AnalyticsService
import Foundation
import ServiceKit
import Testing

@Suite("Every metric of a small generated city matches figures computed by hand")
struct MetricsByHandTests {
    static let now = Date()

    /// Compares a metric's API rows with the expected figures for one grain and breakdown.
    func check(
        _ metric: String,
        interval: Grain,
        groupBy: String?,
        city: City,
        env: AnalyticsTestEnvironment
    ) async throws {
        let expected = ExpectedFigures(city: city, buckets: Buckets(timeZone: env.configuration.timeZone), grain: interval, groupBy: groupBy)
        let keyColumn = ["compound": "compoundID", "theme": "themeID", "channel": "channel", "star": "starLevel"][groupBy ?? ""]
        let from = expected.buckets.label(city.start)
        let to = expected.buckets.label(city.end)
        var uri = "/v1/metrics/\(metric)?from=\(from)&to=\(to)&interval=\(interval.interval)"
        if let groupBy { uri += "&groupBy=\(groupBy)" }
        let rows = try await env.rows(uri)
        var seen = Set<ExpectedFigures.Pair>()
        for row in rows {
            let ts = try #require(row["ts"] as? String)
            let key = keyColumn.map { row[$0].map { "\($0)" } ?? "" } ?? ""
            let pair = ExpectedFigures.Pair(bucket: String(ts.prefix(10)), key: key)
            seen.insert(pair)
            let (value, suppressed) = expected.value(metric, pair)
            let actual = row["value"] as? Double
            #expect(row["suppressed"] as? Bool == suppressed, "\(metric) \(ts) \(key): suppressed")
            if let value, let actual {
                #expect(abs(value - actual) < 1e-9, "\(metric) \(interval) \(groupBy ?? "-") \(ts) \(key): \(actual) ≠ \(value)")
            } else {
                #expect(
                    value == nil && actual == nil,
                    "\(metric) \(interval) \(groupBy ?? "-") \(ts) \(key): \(String(describing: actual)) ≠ \(String(describing: value))"
                )
            }
        }
        // Nothing that happened is left out.
        for pair in expected.pairs where expected.value(metric, pair).0.map({ $0 != 0 }) ?? false {
            #expect(seen.contains(pair), "\(metric) \(interval) \(groupBy ?? "-"): no row for \(pair)")
        }
    }

    @Test func everyMetricByMonthWeekAndBreakdown() async throws {
        let env = try await AnalyticsTestEnvironment.make()
        let city = CityGenerator.generate(.small, now: Self.now, timeZone: env.configuration.timeZone)
        try await env.ingest(city.eventPhases())
        for metric in MetricCatalog.metrics {
            let groupings: [String?] =
                metric.groupBy == [.star] ? ["star"] : [nil] + metric.groupBy.map(\.rawValue).filter { $0 != "area" && $0 != "grid" }
            for groupBy in groupings {
                try await check(metric.id, interval: .month, groupBy: groupBy, city: city, env: env)
            }
        }
        for metric in ["attendances", "unique-residents", "households-reached", "active-volunteers", "registrations", "concerns-settled"] {
            try await check(metric, interval: .week, groupBy: nil, city: city, env: env)
            try await check(metric, interval: .week, groupBy: "compound", city: city, env: env)
            try await check(metric, interval: .day, groupBy: nil, city: city, env: env)
        }
    }

    /// A caller who sees the whole city gets breakdowns by place grouped in memory from per-place sums;
    /// a district token gets them grouped in SQL through the places: the answers must be the same,
    /// but for the whole city's extra group of what happened at no place (place 0: compound 0, grid 0,
    /// no area), which no district covers.
    @Test func breakdownsByPlaceAreTheSameGroupedInMemoryAndInSQL() async throws {
        let env = try await AnalyticsTestEnvironment.make()
        let city = CityGenerator.generate(.small, now: Self.now, timeZone: env.configuration.timeZone)
        try await env.ingest(city.eventPhases())
        let wholeCity = Principal(subject: "staff:city", role: .district, areaIDs: [1])
        let buckets = Buckets(timeZone: env.configuration.timeZone)
        let range = "from=\(buckets.label(city.start))&to=\(buckets.label(city.end))"
        var compared = 0
        for metric in MetricCatalog.metrics {
            for groupBy in metric.groupBy where [.area, .compound, .grid].contains(groupBy) {
                for extra in groupBy == .area ? ["", "&areaLevel=3"] : [""] {
                    let uri = "/v1/metrics/\(metric.id)?\(range)&groupBy=\(groupBy.rawValue)\(extra)"
                    let inMemory = try await env.rows(uri, as: AnalyticsTestEnvironment.dashboard).filter { row in
                        let key = row[["area": "areaID", "compound": "compoundID", "grid": "gridID"][groupBy.rawValue]!]
                        return !(key is NSNull) && key as? Int != 0
                    }
                    let inSQL = try await env.rows(uri, as: wholeCity)
                    #expect(Self.canonical(inMemory) == Self.canonical(inSQL), "\(uri)")
                    compared += inMemory.count
                }
            }
        }
        #expect(compared > 300)
    }

    /// Rows as sorted JSON text, for comparing answers.
    static func canonical(_ rows: [[String: Any]]) -> [String] {
        rows.map { row in
            let data = try? JSONSerialization.data(withJSONObject: row, options: [.sortedKeys])
            return data.map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
    }

    @Test func aRebuildFromFactsGivesTheSameRollups() async throws {
        let env = try await AnalyticsTestEnvironment.make()
        let city = CityGenerator.generate(.small, now: Self.now, timeZone: env.configuration.timeZone)
        try await env.ingest(city.eventPhases())
        let before = try await RollupDigest.read(env.pool)
        #expect(before.rows > 100)
        try await AnalyticsService.rebuild(pool: env.pool, configuration: env.configuration)
        let after = try await RollupDigest.read(env.pool)
        #expect(after == before)
    }
}
