import Postgres

/// The rollups and gauges as text, rows that add nothing left out, for comparing two states.
struct RollupDigest: Equatable {
    let rows: Int
    let text: String

    static func read(_ pool: PostgresPool) async throws -> RollupDigest {
        let rollups = try await pool.query(
            """
            SELECT grain || ' ' || bucket || ' ' || place_id || ' ' || dim || ' ' || dim_value || ' ' ||
                concat_ws(',', attendances, checkins, volunteer_hours, volunteer_attendances, unique_residents, households_attended,
                    active_volunteers, registrations, activities_held, points_awarded, points_entries, member_checkins, concerns_raised,
                    concerns_settled, concerns_reopened, council_meetings, notifications_sent, notifications_failed)
            FROM analytics.rollups
            WHERE (attendances, checkins, volunteer_hours, volunteer_attendances, unique_residents, households_attended, active_volunteers,
                registrations, activities_held, points_awarded, points_entries, member_checkins, concerns_raised, concerns_settled,
                concerns_reopened, council_meetings, notifications_sent, notifications_failed) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            ORDER BY 1
            """
        ).column("?column?", as: String.self)
        let gauges = try await pool.query(
            """
            SELECT place_id || ' ' || dim || ' ' || dim_value || ' ' || concat_ws(',', households, households_with_head, compounds,
                compounds_with_branch, compounds_with_group_chat, compounds_with_robot, residents)
            FROM analytics.place_state ORDER BY 1
            """
        ).column("?column?", as: String.self)
        let facts = try await pool.query("SELECT count(*) FROM analytics.facts").scalar(Int.self) ?? 0
        return RollupDigest(rows: rollups.count, text: (rollups + gauges + ["facts \(facts)"]).joined(separator: "\n"))
    }
}
