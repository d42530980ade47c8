import CalendarCore
import Foundation
import Postgres

/// Pushes a published theme to every compound in its scope as a local draft (one statement for all of them).
enum ThemeFanOut {
    /// Creates the drafts that do not exist yet; returns how many were created.
    @discardableResult
    static func drafts(for theme: Theme, compoundFilter: SQL = "TRUE", on tx: isolated PostgresConnection) throws -> Int {
        let template = theme.template
        let copy = try PostgresJSONB(encoding: template)
        return try tx.execute(
            """
            INSERT INTO calendar.activities (compound_id, area_path, theme_id, theme_copy, title, notes, formats, volunteer_roles,
                earns_points, points, starts_local, duration_minutes, recurrence, capacity, created_by)
            SELECT c.id, c.area_path, \(theme.id), \(copy), \(template.title), \(template.guidance), \(template.formats),
                \(template.volunteerRoles), \(template.earnsPoints), \(template.points), \(template.suggestedStart),
                \(template.durationMinutes), \(template.recurrence), \(template.capacity), \("theme:\(theme.id)")
            FROM calendar.compounds c
            WHERE c.area_path && \(theme.scopeAreaIDs) AND \(compoundFilter)
            ON CONFLICT (theme_id, compound_id) WHERE theme_id IS NOT NULL AND split_from IS NULL DO NOTHING
            """
        )
    }

    /// A compound new to the calendar gets drafts of the published themes of this month and later that reach it.
    static func draftsForNewCompound(_ compoundID: Int, now: Date, on tx: isolated PostgresConnection) throws {
        let month = String(LocalMonth.of(now))
        let themes = try tx.query(
            """
            SELECT \(unescaped: Theme.columns) FROM calendar.themes t
            WHERE t.state = \(ThemeState.published) AND t.month >= \(month)
              AND EXISTS (SELECT 1 FROM calendar.compounds c WHERE c.id = \(compoundID) AND c.area_path && t.scope_area_ids)
            """
        ).decode(Theme.self)
        for theme in themes { try drafts(for: theme, compoundFilter: "c.id = \(compoundID)", on: tx) }
    }
}

/// The month (`YYYY-MM`) of an instant in Shanghai.
enum LocalMonth {
    static func of(_ instant: Date) -> Substring {
        (LocalDateTime(instant, in: RecurrenceSet.defaultTimeZone)?.description ?? "0000-00").prefix(7)
    }
}
