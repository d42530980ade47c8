import Foundation
import Models
import Postgres

/// The hot path: an attendance becomes a fact and updates its rollups in two statements.
///
/// Unique residents, households reached and active volunteers are counted in the rollups at the
/// first attendance of the subject in each day, week and month. To make "first" exact under
/// concurrency, the transaction first takes advisory locks on the resident and the household (in
/// that order, so two transactions never wait on each other in a cycle); the check then sees every
/// committed attendance of them. "First" is therefore the attendance with the lowest fact id in the
/// bucket, which is what the rebuild counts too.
enum AttendanceIngest {
    static func record(_ event: AttendanceRecorded, places: Places, buckets: Buckets, on tx: isolated PostgresConnection) throws {
        let placeID = try places.id(for: event.placement, on: tx)
        let householdID = event.placement.householdID
        // The relaxed commit rides on the lock statement, saving a round trip (see `EventConsumers.consume`).
        try tx.execute(
            """
            SELECT pg_advisory_xact_lock(1001, (\(event.residentID) % 2147483647)::int4),
                pg_advisory_xact_lock(1002, (\(householdID ?? 0) % 2147483647)::int4),
                set_config('synchronous_commit', 'off', true)
            """,
            prepared: true
        )
        let at = event.occurrenceStart
        let starts = Grain.allCases.map { buckets.start(of: $0, containing: at) }
        let ends = zip(Grain.allCases, starts).map { buckets.next($0, after: $1) }
        let (low, high) = (starts.min() ?? at, ends.max() ?? at)
        let labels = starts.map(buckets.label)
        let checkin: Double = event.channel == .selfService || event.channel == .proxy ? 1 : 0
        let hours = max(0, event.volunteerHours)
        let year = buckets.calendar.component(.year, from: at)
        let ageBand = AgeBand.sql(birthYear: "born.year", year: String(year))
        try tx.execute(
            """
            WITH seen_r AS (
                SELECT coalesce(bool_or(occurred_at >= \(starts[0]) AND occurred_at < \(ends[0])), false) AS d,
                    coalesce(bool_or(occurred_at >= \(starts[1]) AND occurred_at < \(ends[1])), false) AS w,
                    coalesce(bool_or(occurred_at >= \(starts[2]) AND occurred_at < \(ends[2])), false) AS m,
                    coalesce(bool_or(quantity > 0 AND occurred_at >= \(starts[0]) AND occurred_at < \(ends[0])), false) AS vd,
                    coalesce(bool_or(quantity > 0 AND occurred_at >= \(starts[1]) AND occurred_at < \(ends[1])), false) AS vw,
                    coalesce(bool_or(quantity > 0 AND occurred_at >= \(starts[2]) AND occurred_at < \(ends[2])), false) AS vm
                FROM analytics.facts
                WHERE kind = 'attendance.recorded' AND resident_id = \(event.residentID) AND occurred_at >= \(low) AND occurred_at < \(high)
            ),
            seen_h AS (
                SELECT coalesce(bool_or(occurred_at >= \(starts[0]) AND occurred_at < \(ends[0])), false) AS d,
                    coalesce(bool_or(occurred_at >= \(starts[1]) AND occurred_at < \(ends[1])), false) AS w,
                    coalesce(bool_or(occurred_at >= \(starts[2]) AND occurred_at < \(ends[2])), false) AS m
                FROM analytics.facts
                WHERE kind = 'attendance.recorded' AND household_id = \(householdID) AND occurred_at >= \(low) AND occurred_at < \(high)
            ),
            born AS (SELECT (SELECT birth_year FROM analytics.residents WHERE resident_id = \(event.residentID)) AS year),
            fact AS (
                INSERT INTO analytics.facts (kind, source_id, variant, occurred_at, recorded_at, place_id, building_id,
                    household_id, resident_id, age_band, channel, theme_id, quantity, points)
                SELECT 'attendance.recorded', \(event.attendanceID), 0, \(at), \(event.at), \(placeID), \(event.placement.buildingID),
                    \(householdID), \(event.residentID), \(unescaped: ageBand), \(event.channel.rawValue), \(event.themeID), \(hours), \(event.points)
                FROM born
                ON CONFLICT (kind, source_id, variant) DO NOTHING
                RETURNING id
            )
            INSERT INTO analytics.rollups (grain, bucket, place_id, dim, dim_value, attendances, checkins, volunteer_hours,
                volunteer_attendances, unique_residents, households_attended, active_volunteers)
            SELECT g.grain, g.bucket::date, \(placeID)::int4, d.dim, d.dim_value, 1, \(checkin), \(hours), \(hours > 0 ? 1.0 : 0.0),
                CASE WHEN d.dim <> '-' THEN 0 WHEN (g.grain = 'd' AND r.d) OR (g.grain = 'w' AND r.w) OR (g.grain = 'm' AND r.m) THEN 0 ELSE 1 END,
                CASE WHEN d.dim <> '-' OR \(householdID)::int8 IS NULL THEN 0
                    WHEN (g.grain = 'd' AND h.d) OR (g.grain = 'w' AND h.w) OR (g.grain = 'm' AND h.m) THEN 0 ELSE 1 END,
                CASE WHEN d.dim <> '-' OR \(hours) <= 0 THEN 0
                    WHEN (g.grain = 'd' AND r.vd) OR (g.grain = 'w' AND r.vw) OR (g.grain = 'm' AND r.vm) THEN 0 ELSE 1 END
            FROM fact, seen_r r, seen_h h,
                (VALUES ('d', \(labels[0])), ('w', \(labels[1])), ('m', \(labels[2]))) AS g (grain, bucket),
                (VALUES ('-', ''), ('t', \(event.themeID.map(String.init))), ('c', \(event.channel.rawValue))) AS d (dim, dim_value)
            WHERE d.dim_value IS NOT NULL
            ON CONFLICT (grain, bucket, place_id, dim, dim_value) DO UPDATE SET
                attendances = analytics.rollups.attendances + EXCLUDED.attendances,
                checkins = analytics.rollups.checkins + EXCLUDED.checkins,
                volunteer_hours = analytics.rollups.volunteer_hours + EXCLUDED.volunteer_hours,
                volunteer_attendances = analytics.rollups.volunteer_attendances + EXCLUDED.volunteer_attendances,
                unique_residents = analytics.rollups.unique_residents + EXCLUDED.unique_residents,
                households_attended = analytics.rollups.households_attended + EXCLUDED.households_attended,
                active_volunteers = analytics.rollups.active_volunteers + EXCLUDED.active_volunteers
            """,
            prepared: true
        )
    }
}
