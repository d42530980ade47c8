import Foundation
import Postgres

/// Reads the rollups and gauges a metric needs: sums per bucket and group, never raw facts.
struct MetricStore {
    /// Sums of some columns per (bucket label, group key).
    typealias Sums = [BucketKey: [String: Double]]

    struct BucketKey: Hashable, Sendable {
        let bucket: String
        let key: String
    }

    let request: MetricRequest
    let scope: AnalyticsScope
    let buckets: Buckets
    let now: Date

    var labels: [String] { request.series.map(buckets.label) }
    var endLabel: String { buckets.label(buckets.next(request.grain, after: request.series.last ?? now)) }

    /// The group key over a place `p` and a row `r` with a `dim_value`.
    func key(level: Int) -> SQL {
        switch request.groupBy {
        case nil: "''"
        case .area: "coalesce(p.area_path[\(level)::int4]::text, '')"
        case .compound: "p.compound_id::text"
        case .grid: "p.grid_id::text"
        case .theme, .channel, .star: "r.dim_value"
        }
    }

    /// The area level `groupBy=area` groups by: asked for, or one below the area filter, or districts.
    func areaLevel(on connection: isolated PostgresConnection) throws -> Int {
        if request.areaLevel > 0 { return request.areaLevel }
        guard let area = request.area else { return 2 }
        let position = try connection.query(
            "SELECT array_position(area_path, \(area)::int8) FROM analytics.places WHERE \(area)::int8 = ANY (area_path) LIMIT 1"
        ).scalar(Int.self)
        return min(4, (position ?? 1) + 1)
    }

    /// Σ of rollup measures per bucket and group.
    func rollupSums(_ measures: [Measure], dimension: Dimension, on connection: isolated PostgresConnection) throws -> Sums {
        guard !measures.isEmpty, let first = labels.first else { return [:] }
        let sums = measures.map { "sum(r.\($0.column))" }.joined(separator: ", ")
        let level = try areaLevel(on: connection)
        let result = try connection.query(
            """
            SELECT r.bucket::text, \(key(level: level)), \(unescaped: sums)
            FROM analytics.rollups r JOIN analytics.places p ON p.id = r.place_id
            WHERE r.grain = \(request.grain.rawValue) AND r.dim = \(dimension.rawValue)
              AND r.bucket >= \(first)::date AND r.bucket < \(endLabel)::date
              AND \(scope.condition(area: request.area, compound: request.compound))
            GROUP BY 1, 2
            HAVING \(unescaped: measures.map { "sum(r.\($0.column)) <> 0" }.joined(separator: " OR "))
            """
        )
        return try Self.collect(result, names: measures.map(\.column))
    }

    /// Σ of gauges per bucket and group, as they were at the end of each bucket: the snapshot of a past
    /// bucket if one was taken, else (and always for the current bucket) the gauges as they are now.
    func gaugeSums(_ gauges: [Gauge], dimension: Dimension, on connection: isolated PostgresConnection) throws -> Sums {
        guard !gauges.isEmpty else { return [:] }
        let columns = gauges.map(\.column)
        let sums = columns.map { "sum(r.\($0))" }.joined(separator: ", ")
        let current = buckets.label(buckets.start(of: request.grain, containing: now))
        let level = try areaLevel(on: connection)
        let result = try connection.query(
            """
            WITH b AS (
                SELECT l::date AS bucket, l::date <> \(current)::date AND EXISTS (
                    SELECT 1 FROM analytics.snapshots n WHERE n.grain = \(request.grain.rawValue) AND n.bucket = l::date) AS snapped
                FROM unnest(\(labels)::text[]) AS l
            ),
            r AS (
                SELECT b.bucket, n.place_id, n.dim, n.dim_value, \(unescaped: columns.map { "n." + $0 }.joined(separator: ", "))
                FROM b JOIN analytics.snapshots n ON b.snapped AND n.grain = \(request.grain.rawValue) AND n.bucket = b.bucket
                UNION ALL
                SELECT b.bucket, s.place_id, s.dim, s.dim_value, \(unescaped: columns.map { "s." + $0 }.joined(separator: ", "))
                FROM b CROSS JOIN analytics.place_state s WHERE NOT b.snapped
            )
            SELECT r.bucket::text, \(key(level: level)), \(unescaped: sums)
            FROM r JOIN analytics.places p ON p.id = r.place_id
            WHERE r.dim = \(dimension.rawValue) AND \(scope.condition(area: request.area, compound: request.compound))
            GROUP BY 1, 2
            """
        )
        return try Self.collect(result, names: columns)
    }

    /// The hours-to-settle histogram per bucket and group: (hours, concerns) pairs.
    func settleHistogram(on connection: isolated PostgresConnection) throws -> [BucketKey: [(Int, Double)]] {
        guard let first = labels.first else { return [:] }
        let level = try areaLevel(on: connection)
        let groupKey: SQL = request.groupBy == nil ? "''" : key(level: level)
        let result = try connection.query(
            """
            SELECT r.bucket::text, \(groupKey), r.dim_value::int8, sum(r.concerns_settled)
            FROM analytics.rollups r JOIN analytics.places p ON p.id = r.place_id
            WHERE r.grain = \(request.grain.rawValue) AND r.dim = 'h'
              AND r.bucket >= \(first)::date AND r.bucket < \(endLabel)::date
              AND \(scope.condition(area: request.area, compound: request.compound))
            GROUP BY 1, 2, 3
            """
        )
        var histogram: [BucketKey: [(Int, Double)]] = [:]
        for row in result {
            let key = BucketKey(bucket: try row.decode(0, as: String.self), key: try row.decode(1, as: String.self))
            histogram[key, default: []].append((try row.decode(2, as: Int.self), try row.decode(3, as: Double.self)))
        }
        return histogram
    }

    /// Names of the groups that have them: compounds and themes.
    func groupLabels(_ keys: [String], on connection: isolated PostgresConnection) throws -> [String: String] {
        let ids = keys.compactMap { Int($0) }
        let result: PostgresResult
        switch request.groupBy {
        case .compound: result = try connection.query("SELECT compound_id::text, name FROM analytics.compounds WHERE compound_id = ANY (\(ids))")
        case .theme: result = try connection.query("SELECT theme_id::text, title FROM analytics.themes WHERE theme_id = ANY (\(ids))")
        default: return [:]
        }
        var names: [String: String] = [:]
        for row in result { names[try row.decode(0, as: String.self)] = try row.decode(1, as: String.self) }
        return names
    }

    private static func collect(_ result: PostgresResult, names: [String]) throws -> Sums {
        var sums: Sums = [:]
        for row in result {
            let key = BucketKey(bucket: try row.decode(0, as: String.self), key: try row.decode(1, as: String.self))
            var values: [String: Double] = [:]
            for (index, name) in names.enumerated() { values[name] = try row.decode(index + 2, as: Double?.self) ?? 0 }
            sums[key] = values
        }
        return sums
    }
}
