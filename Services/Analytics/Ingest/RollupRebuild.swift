import Foundation
import Postgres

/// Rebuilds every rollup from the facts, and the gauges from the projections, in one transaction.
///
/// It counts exactly what ingestion counts: the same measures per kind of fact, and a subject's
/// first attendance of a bucket as the one with the lowest fact id.
public enum RollupRebuild {
    /// How one kind of fact contributes to the rollups.
    struct Rule {
        let kinds: [String]
        var condition = "true"
        /// The extra dimensions besides none: (dimension, value expression over `f`).
        var dimensions: [(Dimension, String)] = []
        let measures: [Measure: String]
    }

    static let rules: [Rule] = [
        Rule(
            kinds: ["attendance.recorded"],
            dimensions: [(.theme, "f.theme_id::text"), (.channel, "f.channel")],
            measures: [
                .attendances: "1", .checkins: "CASE WHEN f.channel IN ('self', 'proxy') THEN 1 ELSE 0 END", .volunteerHours: "f.quantity",
                .volunteerAttendances: "CASE WHEN f.quantity > 0 THEN 1 ELSE 0 END",
            ]
        ),
        Rule(
            kinds: ["registration.created", "registration.promoted", "registration.cancelled"],
            condition: "f.quantity <> 0",
            dimensions: [(.channel, "f.channel"), (.theme, "f.theme_id::text")],
            measures: [.registrations: "f.quantity"]
        ),
        Rule(kinds: ["activity.held"], dimensions: [(.theme, "f.theme_id::text")], measures: [.activitiesHeld: "1"]),
        Rule(kinds: ["points.awarded"], measures: [.pointsAwarded: "f.quantity", .pointsEntries: "1"]),
        Rule(kinds: ["member.checkedin"], measures: [.memberCheckins: "1"]),
        Rule(kinds: ["concern.raised"], measures: [.concernsRaised: "1"]),
        Rule(kinds: ["concern.settled"], dimensions: [(.settleHours, "f.quantity::bigint::text")], measures: [.concernsSettled: "1"]),
        Rule(kinds: ["concern.reopened"], measures: [.concernsReopened: "1"]),
        Rule(kinds: ["council.meeting.held"], measures: [.councilMeetings: "1"]),
        Rule(
            kinds: ["notification.delivered"],
            dimensions: [(.notificationChannel, "f.channel")],
            measures: [
                .notificationsSent: "CASE WHEN f.quantity = 1 THEN 1 ELSE 0 END", .notificationsFailed: "CASE WHEN f.quantity = 1 THEN 0 ELSE 1 END",
            ]
        ),
    ]

    /// The facts' contributions, one row per fact and dimension, every measure a column.
    static var contributions: String {
        rules.map { rule in
            let values = ["('-', '')"] + rule.dimensions.map { "('\($0.0.rawValue)', \($0.1))" }
            let measures = Measure.allCases.map { "(\(rule.measures[$0] ?? "0"))::float8 AS \($0.column)" }
            return """
                SELECT f.occurred_at, f.place_id, d.dim, d.dim_value, \(measures.joined(separator: ", "))
                FROM analytics.facts f CROSS JOIN LATERAL (VALUES \(values.joined(separator: ", "))) AS d (dim, dim_value)
                WHERE f.kind IN (\(rule.kinds.map { "'\($0)'" }.joined(separator: ", "))) AND d.dim_value IS NOT NULL AND \(rule.condition)
                """
        }.joined(separator: "\nUNION ALL\n")
    }

    /// Local bucket start expressions of a grain over a timestamp expression (trusted text).
    static func bucket(_ grain: Grain, of local: String) -> String {
        switch grain {
        case .day: "(\(local))::date"
        case .week: "date_trunc('week', \(local))::date"
        case .month: "date_trunc('month', \(local))::date"
        }
    }

    /// Rebuilds the rollups and gauges.
    /// - Parameter timeZone: the zone buckets are cut in (the service's ``AnalyticsConfiguration/timeZone``).
    public static func run(timeZone: TimeZone, on tx: isolated PostgresConnection) throws {
        let zone = timeZone.identifier
        let columns = Measure.allCases.map(\.column)
        let sums = columns.map { "sum(\($0)) AS \($0)" }.joined(separator: ", ")
        let list = columns.joined(separator: ", ")
        try tx.execute("SET LOCAL work_mem = '256MB'")
        try tx.execute("TRUNCATE analytics.rollups")
        try tx.execute(
            """
            CREATE TEMP TABLE rebuild_days ON COMMIT DROP AS
            SELECT (c.occurred_at AT TIME ZONE \(zone))::date AS day, c.place_id, c.dim, c.dim_value, \(unescaped: sums)
            FROM (\(unescaped: contributions)) AS c
            GROUP BY 1, 2, 3, 4
            """
        )
        for grain in Grain.allCases {
            let bucket = bucket(grain, of: "day::timestamp")
            try tx.execute(
                """
                INSERT INTO analytics.rollups (grain, bucket, place_id, dim, dim_value, \(unescaped: list))
                SELECT \(grain.rawValue), \(unescaped: bucket), place_id, dim, dim_value, \(unescaped: sums)
                FROM rebuild_days GROUP BY 2, 3, 4, 5
                """
            )
        }
        let firsts: [(Measure, String, String)] = [
            (.uniqueResidents, "resident_id", "true"), (.householdsAttended, "household_id", "household_id IS NOT NULL"),
            (.activeVolunteers, "resident_id", "quantity > 0"),
        ]
        for (measure, subject, condition) in firsts {
            for grain in Grain.allCases {
                let bucket = bucket(grain, of: "occurred_at AT TIME ZONE $1")
                try tx.execute(
                    SQL(
                        unsafeSQL: """
                            INSERT INTO analytics.rollups AS r (grain, bucket, place_id, dim, dim_value, \(measure.column))
                            SELECT '\(grain.rawValue)', bucket, place_id, '-', '', count(*) FROM (
                                SELECT DISTINCT ON (\(subject), \(bucket)) \(bucket) AS bucket, place_id
                                FROM analytics.facts WHERE kind = 'attendance.recorded' AND \(condition)
                                ORDER BY \(subject), \(bucket), id
                            ) AS firsts GROUP BY bucket, place_id
                            ON CONFLICT (grain, bucket, place_id, dim, dim_value) DO UPDATE SET \(measure.column) = EXCLUDED.\(measure.column)
                            """,
                        bindings: {
                            var bindings = PostgresBindings()
                            bindings.append(zone)
                            return bindings
                        }()
                    )
                )
            }
        }
        // Rewrites the table in key order, without the row versions the first-attendance updates left behind:
        // a breakdown then reads one dimension's buckets from contiguous pages, not one row per page.
        try tx.execute("CLUSTER analytics.rollups USING rollups_pkey")
        try PlaceState.recompute(nil, on: tx)
    }
}
