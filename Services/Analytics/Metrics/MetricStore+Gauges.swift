import Foundation
import Postgres

extension MetricStore {
    /// Σ of gauges per bucket and group, as they were at the end of each bucket: the snapshot of a past
    /// bucket if one was taken, else (and always for the current bucket) the gauges as they are now.
    func gaugeSums(_ gauges: [Gauge], dimension: Dimension, on connection: isolated PostgresConnection) throws -> Sums {
        guard !gauges.isEmpty else { return [:] }
        let columns = gauges.map(\.column)
        let named = columns.map { "sum(r.\($0)) AS \($0)" }.joined(separator: ", ")
        let (from, condition) = rows("r")
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
            SELECT b::text, \(unescaped: Self.keyText), \(unescaped: columns.map { "s." + $0 }.joined(separator: ", ")) FROM (
                SELECT r.bucket AS b, \(key(level: level)) AS k, \(unescaped: named)
                FROM \(from)
                WHERE r.dim = \(dimension.rawValue) AND \(condition)
                GROUP BY 1, 2
            ) AS s
            """
        )
        return try Self.collect(result, names: columns)
    }

    /// The hours-to-settle histogram per bucket and group: (hours, concerns) pairs.
    func settleHistogram(on connection: isolated PostgresConnection) throws -> [BucketKey: [(Int, Double)]] {
        guard let first = labels.first else { return [:] }
        let level = try areaLevel(on: connection)
        let (from, condition) = rows("analytics.rollups r")
        let result = try connection.query(
            """
            SELECT b::text, \(unescaped: Self.keyText), h, settled FROM (
                SELECT r.bucket AS b, \(key(level: level)) AS k, r.dim_value::int8 AS h, sum(r.concerns_settled) AS settled
                FROM \(from)
                WHERE r.grain = \(request.grain.rawValue) AND r.dim = 'h'
                  AND r.bucket >= \(first)::date AND r.bucket < \(endLabel)::date AND \(condition)
                GROUP BY 1, 2, 3
            ) AS s
            """
        )
        var histogram: [BucketKey: [(Int, Double)]] = [:]
        for row in result {
            let key = BucketKey(bucket: try row.decode(0, as: String.self), key: try row.decode(1, as: String.self))
            histogram[key, default: []].append((try row.decode(2, as: Int.self), try row.decode(3, as: Double.self)))
        }
        return histogram
    }
}
