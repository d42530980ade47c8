import Foundation
import Postgres

/// What the dashboard shows, read through the same metrics the API serves.
struct DashboardData: Sendable {
    /// A named series of monthly values.
    struct Trend: Sendable {
        let title: String
        let points: [(label: String, value: Double?)]
    }

    /// A compound with a value.
    struct Ranked: Sendable {
        let name: String
        let value: Double?
        let suppressed: Bool
    }

    let month: String
    let overview: Overview
    let trends: [Trend]
    let ranking: [Ranked]
    let gaps: [Ranked]
    let withoutActivities: [String]

    static func request(_ id: String, _ series: [Date], _ groupBy: GroupBy? = nil) -> MetricRequest {
        MetricRequest(metric: MetricCatalog.metric(id)!, grain: .month, series: series, groupBy: groupBy)
    }

    static func load(month: String?, scope: AnalyticsScope, evaluator: MetricEvaluator, pool: PostgresPool, now: Date) async throws -> DashboardData {
        let buckets = evaluator.buckets
        let overview = try await Overview.compute(
            query: month.map { ["month": $0] } ?? [:],
            scope: scope,
            evaluator: evaluator,
            pool: pool,
            now: now
        )
        let monthStart = buckets.date(fromLabel: overview.month + "-01") ?? now
        let first = buckets.calendar.date(byAdding: .month, value: -11, to: monthStart) ?? monthStart
        let twelve = buckets.series(.month, from: first, to: buckets.next(.month, after: monthStart))
        return try await pool.withConnection { connection in
            // The four trends share their buckets, and the three compound lists their month: one read each.
            let trendIDs = ["attendances", "activities-held", "unique-residents", "household-coverage"]
            let trendRows = try evaluator.rows(for: trendIDs.map { request($0, twelve) }, scope: scope, now: now, on: connection)
            let trends = zip(trendIDs, trendRows).map { id, rows in
                Trend(
                    title: MetricCatalog.metric(id)!.nameZh,
                    points: rows.map { (String(buckets.label($0.bucket).suffix(5).prefix(2)) + "月", $0.value) }
                )
            }
            let compoundIDs = ["attendances", "household-coverage", "activities-held"]
            let compoundRows = try evaluator.rows(
                for: compoundIDs.map { request($0, [monthStart], .compound) },
                scope: scope,
                now: now,
                on: connection
            )
            let byCompound = compoundRows[0].filter { $0.key != "0" }
            let ranking = byCompound.sorted { ($0.value ?? -1) > ($1.value ?? -1) }.prefix(10).map {
                Ranked(name: $0.label ?? "小区 \($0.key)", value: $0.value, suppressed: $0.suppressed)
            }
            let coverage = compoundRows[1].filter { $0.key != "0" }
            let gaps = coverage.filter { !$0.suppressed }.sorted { ($0.value ?? 0) < ($1.value ?? 0) }.prefix(10).map {
                Ranked(name: $0.label ?? "小区 \($0.key)", value: $0.value ?? 0, suppressed: false)
            }
            let held = compoundRows[2]
            let active = Set(held.filter { ($0.value ?? 0) > 0 }.map(\.key))
            let idle = coverage.filter { !active.contains($0.key) }.map { $0.label ?? "小区 \($0.key)" }
            return DashboardData(
                month: overview.month,
                overview: overview,
                trends: trends,
                ranking: Array(ranking),
                gaps: Array(gaps),
                withoutActivities: Array(idle.prefix(20))
            )
        }
    }
}
