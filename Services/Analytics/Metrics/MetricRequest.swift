import Foundation
import ServiceKit

/// A metric request's parameters, validated: `from`, `to`, `interval`, `groupBy`, `area`, `areaLevel`, `compound`.
struct MetricRequest: Sendable {
    let metric: Metric
    let grain: Grain
    /// Bucket starts, oldest first.
    let series: [Date]
    let groupBy: GroupBy?
    /// 1 city, 2 district, 3 subdistrict, 4 community: the area level `groupBy=area` groups by.
    let areaLevel: Int
    let area: Int?
    let compound: Int?

    /// The most buckets one request may ask for.
    static let maximumBuckets = 1_000

    /// A request built in code (the overview and the dashboard).
    init(metric: Metric, grain: Grain, series: [Date], groupBy: GroupBy? = nil, area: Int? = nil, compound: Int? = nil) {
        self.metric = metric
        self.grain = grain
        self.series = series
        self.groupBy = groupBy
        self.areaLevel = 0
        self.area = area
        self.compound = compound
    }

    /// Reads a request's query parameters.
    init(metric: Metric, query: [String: String], buckets: Buckets, now: Date) throws {
        self.metric = metric
        let interval = query["interval"] ?? "month"
        guard let grain = Grain(interval: interval) else { throw Refusal.invalid("interval", "must be day, week or month") }
        self.grain = grain
        if let text = query["groupBy"] {
            guard let groupBy = GroupBy(rawValue: text), metric.groupBy.contains(groupBy) else {
                throw Refusal.invalid("groupBy", "\(metric.id) can be grouped by \(metric.groupBy.map(\.rawValue).joined(separator: ", "))")
            }
            self.groupBy = groupBy
        } else {
            groupBy = metric.groupBy == [.star] ? .star : nil
        }
        let to = try query["to"].map { try Self.instant($0, field: "to", buckets: buckets) } ?? now
        let defaultSpan: [Grain: (Calendar.Component, Int)] = [.day: (.day, -29), .week: (.day, -77), .month: (.month, -11)]
        let span = defaultSpan[grain] ?? (.month, -11)
        let from =
            try query["from"].map { try Self.instant($0, field: "from", buckets: buckets) }
            ?? buckets.calendar.date(byAdding: span.0, value: span.1, to: buckets.start(of: grain, containing: now)) ?? now
        guard from < to else { throw Refusal.invalid("from", "must be before to") }
        let series = buckets.series(grain, from: from, to: to)
        guard series.count <= Self.maximumBuckets else {
            throw Refusal.invalid("from", "asks for \(series.count) buckets; at most \(Self.maximumBuckets)")
        }
        self.series = series
        area = try query["area"].map { try Self.identifier($0, field: "area") }
        compound = try query["compound"].map { try Self.identifier($0, field: "compound") }
        if let text = query["areaLevel"] {
            guard let level = Int(text), (1...4).contains(level) else { throw Refusal.invalid("areaLevel", "must be 1 (city) to 4 (community)") }
            areaLevel = level
        } else {
            areaLevel = 0
        }
    }

    /// An instant: epoch milliseconds (Grafana's `${__from}`), an ISO 8601 time, or a local date `YYYY-MM-DD`.
    static func instant(_ text: String, field: String, buckets: Buckets) throws -> Date {
        if DateParameter.namesImpossibleDay(text) { throw Refusal.invalid(field, "names a day that does not exist") }
        if let millis = Int64(text), text.count >= 10 { return Date(timeIntervalSince1970: Double(millis) / 1000) }
        if let date = DateParameter.instant(text) { return date }
        if text.count == 10, let date = buckets.date(fromLabel: text) { return date }
        throw Refusal.invalid(field, "must be a date (YYYY-MM-DD), an ISO 8601 time or epoch milliseconds")
    }

    static func identifier(_ text: String, field: String) throws -> Int {
        guard let value = Int(text), value > 0 else { throw Refusal.invalid(field, "must be an id") }
        return value
    }
}
