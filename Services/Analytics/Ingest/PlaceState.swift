import Foundation
import Postgres

/// Keeps `analytics.place_state` — the gauges of each place as they are now — in step with the
/// projections, and copies it into `analytics.snapshots` so past buckets keep their values.
enum PlaceState {
    /// Recomputes the gauges of some places from the projections (all places when `places` is nil).
    ///
    /// Two transactions recomputing one place would each count only what their snapshot shows, so a
    /// transaction first locks its places (in id order, so none wait on each other in a cycle); the
    /// count then runs after the other's commit and sees its changes.
    static func recompute(_ places: [Int]?, on tx: isolated PostgresConnection) throws {
        if let places, places.isEmpty { return }
        let all = places == nil
        let ids = Array(Set(places ?? [])).sorted()
        if all {
            try tx.execute("LOCK TABLE analytics.place_state IN EXCLUSIVE MODE")
        } else {
            try tx.execute("SELECT pg_advisory_xact_lock(1003, p) FROM (SELECT unnest(\(ids)::int4[]) AS p ORDER BY 1) AS sorted")
        }
        try tx.execute("DELETE FROM analytics.place_state WHERE \(all) OR place_id = ANY (\(ids)::int4[])")
        try tx.execute(
            """
            WITH p AS (
                SELECT DISTINCT place_id FROM (
                    SELECT place_id FROM analytics.households WHERE \(all) OR place_id = ANY (\(ids)::int4[])
                    UNION ALL SELECT place_id FROM analytics.compounds WHERE \(all) OR place_id = ANY (\(ids)::int4[])
                    UNION ALL SELECT place_id FROM analytics.residents WHERE place_id IS NOT NULL AND (\(all) OR place_id = ANY (\(ids)::int4[]))
                ) AS touched
            ),
            hh AS (
                SELECT h.place_id, count(*) AS households,
                    count(*) FILTER (WHERE EXISTS (SELECT 1 FROM analytics.household_heads x WHERE x.household_id = h.household_id)) AS with_head
                FROM analytics.households h WHERE NOT h.dissolved AND h.place_id IN (SELECT place_id FROM p) GROUP BY h.place_id
            ),
            cc AS (
                SELECT c.place_id, count(*) AS compounds, count(*) FILTER (WHERE c.has_party_branch) AS branch,
                    count(*) FILTER (WHERE EXISTS (SELECT 1 FROM analytics.group_chats g WHERE g.compound_id = c.compound_id)) AS chat,
                    count(*) FILTER (WHERE EXISTS (SELECT 1 FROM analytics.group_chats g WHERE g.compound_id = c.compound_id AND g.has_robot)) AS robot
                FROM analytics.compounds c WHERE c.place_id IN (SELECT place_id FROM p) GROUP BY c.place_id
            ),
            rs AS (
                SELECT r.place_id, r.star_level, count(*) AS residents
                FROM analytics.residents r WHERE r.place_id IN (SELECT place_id FROM p) GROUP BY r.place_id, r.star_level
            )
            INSERT INTO analytics.place_state (place_id, dim, dim_value, households, households_with_head, compounds,
                compounds_with_branch, compounds_with_group_chat, compounds_with_robot, residents)
            SELECT p.place_id, '-', '', coalesce(hh.households, 0), coalesce(hh.with_head, 0), coalesce(cc.compounds, 0),
                coalesce(cc.branch, 0), coalesce(cc.chat, 0), coalesce(cc.robot, 0),
                coalesce((SELECT sum(rs.residents) FROM rs WHERE rs.place_id = p.place_id), 0)
            FROM p LEFT JOIN hh ON hh.place_id = p.place_id LEFT JOIN cc ON cc.place_id = p.place_id
            UNION ALL
            SELECT rs.place_id, 's', rs.star_level::text, 0, 0, 0, 0, 0, 0, rs.residents FROM rs
            """
        )
    }

    /// Copies the current gauges into the day, week and month buckets containing `date` (replacing
    /// what an earlier copy in the same buckets wrote), so those buckets keep them once they are past.
    static func snapshot(at date: Date, buckets: Buckets, on tx: isolated PostgresConnection) throws {
        let grains = Grain.allCases.map(\.rawValue)
        let labels = Grain.allCases.map { buckets.label(buckets.start(of: $0, containing: date)) }
        try tx.execute(
            """
            DELETE FROM analytics.snapshots s USING unnest(\(grains)::text[], \(labels)::text[]) AS g (grain, bucket)
            WHERE s.grain = g.grain AND s.bucket = g.bucket::date
            """
        )
        let columns = Gauge.allCases.map(\.column).joined(separator: ", ")
        try tx.execute(
            """
            INSERT INTO analytics.snapshots (grain, bucket, place_id, dim, dim_value, \(unescaped: columns))
            SELECT g.grain, g.bucket::date, s.place_id, s.dim, s.dim_value, \(unescaped: columns)
            FROM analytics.place_state s CROSS JOIN unnest(\(grains)::text[], \(labels)::text[]) AS g (grain, bucket)
            """
        )
    }
}
