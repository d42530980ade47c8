import Foundation
import Postgres

extension MetricStore {
    /// Σ of gauges per bucket and group, as they were at the end of each bucket: the snapshot of a past
    /// bucket if one was taken, else (and always for the current bucket) the gauges as they are now.
    /// The current gauges are read once and stand for every bucket without a snapshot.
    func gaugeSums(_ gauges: [Gauge], dimension: Dimension, on connection: isolated PostgresConnection) throws -> SumTable {
        let columns = gauges.map(\.column)
        guard !gauges.isEmpty else { return SumTable(columns: columns) }
        let named = columns.map { "sum(r.\($0)) AS \($0)" }.joined(separator: ", ")
        let current = buckets.label(buckets.start(of: request.grain, containing: now))
        let snapped = Set(
            try connection.query(
                """
                SELECT DISTINCT bucket::text FROM analytics.snapshots
                WHERE grain = \(request.grain.rawValue) AND bucket = ANY (\(labels)::text[]::date[]) AND bucket <> \(current)::date
                """
            ).column("bucket", as: String.self)
        )
        let unsnapped = labels.indices.filter { !snapped.contains(labels[$0]) }
        let level = try areaLevel(on: connection)
        let (snapshots, snapshotCondition) = rows("analytics.snapshots r")
        let (state, stateCondition) = rows("analytics.place_state r")
        let result = try connection.query(
            """
            SELECT b, \(unescaped: keyOutput), \(unescaped: columns.map { "s." + $0 }.joined(separator: ", ")) FROM (
                SELECT r.bucket AS b, \(key(level: level)) AS k, \(unescaped: named)
                FROM \(snapshots)
                WHERE r.grain = \(request.grain.rawValue) AND r.bucket = ANY (\(Array(snapped))::text[]::date[])
                  AND r.dim = \(dimension.rawValue) AND \(snapshotCondition)
                GROUP BY 1, 2
                UNION ALL
                SELECT NULL::date AS b, \(key(level: level)) AS k, \(unescaped: named)
                FROM \(state)
                WHERE \(!unsnapped.isEmpty) AND r.dim = \(dimension.rawValue) AND \(stateCondition)
                GROUP BY 2
            ) AS s
            """
        )
        return try SumTable(
            result,
            columns: columns,
            bucketOfDay: bucketOfDay,
            bucketCount: labels.count,
            unlabelledBuckets: unsnapped,
            keys: try keys(of: result, level: level, on: connection)
        )
    }

    /// The hours-to-settle histogram per bucket and group: (hours, concerns) pairs.
    func settleHistogram(on connection: isolated PostgresConnection) throws -> [HistogramKey: [(Int, Double)]] {
        guard let first = labels.first else { return [:] }
        let level = try areaLevel(on: connection)
        let (from, condition) = rows("analytics.rollups r")
        let result = try connection.query(
            """
            SELECT b, \(unescaped: keyOutput), h, settled FROM (
                SELECT r.bucket AS b, \(key(level: level)) AS k, r.dim_value::int8 AS h, sum(r.concerns_settled) AS settled
                FROM \(from)
                WHERE r.grain = \(request.grain.rawValue) AND r.dim = 'h'
                  AND r.bucket >= \(first)::date AND r.bucket < \(endLabel)::date AND \(condition)
                GROUP BY 1, 2, 3
            ) AS s
            """
        )
        let naming = try keys(of: result, level: level, on: connection)
        var histogram: [HistogramKey: [(Int, Double)]] = [:]
        for row in result {
            guard let day = try SumTable.day(of: row), let bucket = bucketOfDay[day] else { continue }
            let cell = HistogramKey(bucket: bucket, key: try naming.key(of: row))
            histogram[cell, default: []].append((try row.decode(2, as: Int.self), try row.decode(3, as: Double.self)))
        }
        return histogram
    }
}
