import Foundation
import Postgres
import ServiceKit

/// The themes' SQL.
enum ThemeStore {
    static func insert(_ new: NewTheme, createdBy: String, on tx: isolated PostgresConnection) throws -> Theme {
        let template = new.template
        return try tx.query(
            """
            INSERT INTO calendar.themes (month, title, guidance, formats, capacity, volunteer_roles, earns_points, points,
                suggested_start, duration_minutes, recurrence, scope_area_ids, created_by)
            VALUES (\(new.month), \(template.title), \(template.guidance), \(template.formats), \(template.capacity),
                \(template.volunteerRoles), \(template.earnsPoints), \(template.points), \(template.suggestedStart),
                \(template.durationMinutes), \(template.recurrence), \(new.scopeAreaIDs), \(createdBy))
            RETURNING \(unescaped: Theme.columns)
            """
        ).decode(Theme.self)[0]
    }

    static func load(_ id: Int, lock: RowLock? = nil, on tx: isolated PostgresConnection) throws -> Theme? {
        try tx.query("SELECT \(unescaped: Theme.columns) FROM calendar.themes WHERE id = \(id) \(lock)")
            .decode(Theme.self).first
    }

    static func save(_ theme: Theme, on tx: isolated PostgresConnection) throws -> Theme {
        let template = theme.template
        return try tx.query(
            """
            UPDATE calendar.themes SET title = \(template.title), guidance = \(template.guidance), formats = \(template.formats),
                capacity = \(template.capacity), volunteer_roles = \(template.volunteerRoles), earns_points = \(template.earnsPoints),
                points = \(template.points), suggested_start = \(template.suggestedStart), duration_minutes = \(template.durationMinutes),
                recurrence = \(template.recurrence), state = \(theme.state), revision = \(theme.revision), updated_at = now(),
                published_at = CASE WHEN \(theme.state == .published) THEN coalesce(published_at, now()) END
            WHERE id = \(theme.id)
            RETURNING \(unescaped: Theme.columns)
            """
        ).decode(Theme.self)[0]
    }

    /// The themes a principal may read: admins all; district offices and secretaries those reaching their compounds.
    static func visible(
        _ principal: Principal,
        id: Int?,
        month: String?,
        after: Int,
        limit: Int,
        on tx: isolated PostgresConnection
    ) throws -> [Theme] {
        let areas = principal.role == .district ? principal.areaIDs : []
        let compounds = principal.role == .secretary ? principal.compoundIDs : []
        return try tx.query(
            """
            SELECT \(unescaped: Theme.columns) FROM calendar.themes t
            WHERE (\(principal.role == .admin) OR t.scope_area_ids && \(areas)
                   OR EXISTS (SELECT 1 FROM calendar.compounds c WHERE c.area_path && t.scope_area_ids
                              AND (c.area_path && \(areas) OR c.id = ANY (\(compounds)))))
              AND (\(id)::int8 IS NULL OR t.id = \(id)) AND (\(month)::text IS NULL OR t.month = \(month)) AND t.id > \(after)
            ORDER BY t.id LIMIT \(limit)
            """
        ).decode(Theme.self)
    }

    /// Whether a principal may set a theme for these areas: admins anywhere; a district office only where every
    /// compound the areas reach is its own, and each area reaches at least one compound.
    static func mayTarget(_ areaIDs: [Int], principal: Principal, on tx: isolated PostgresConnection) throws -> Bool {
        if principal.role == .admin { return true }
        guard principal.role == .district else { return false }
        let rows = try tx.query(
            """
            SELECT s.id, count(c.id) AS compounds, count(c.id) FILTER (WHERE NOT c.area_path && \(principal.areaIDs)) AS outside
            FROM unnest(\(areaIDs)) AS s(id) LEFT JOIN calendar.compounds c ON s.id = ANY (c.area_path)
            GROUP BY s.id
            """
        )
        return try rows.allSatisfy { row in
            try row.decode("compounds", as: Int.self) > 0 && row.decode("outside", as: Int.self) == 0
        }
    }

    /// How many compounds have a draft (or activity) from the theme.
    static func compoundCount(_ themeID: Int, on tx: isolated PostgresConnection) throws -> Int {
        try tx.query("SELECT count(DISTINCT compound_id) FROM calendar.activities WHERE theme_id = \(themeID)").scalar(Int.self) ?? 0
    }

    /// Inserts a local draft of the theme for every compound it reaches that passes `compoundFilter`
    /// (`c` is the compound) and has none yet; returns how many were created.
    static func insertDrafts(of theme: Theme, compoundFilter: SQL, on tx: isolated PostgresConnection) throws -> Int {
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

    /// The published themes of `month` (`YYYY-MM`) and later that reach the compound.
    static func published(reaching compoundID: Int, from month: String, on tx: isolated PostgresConnection) throws -> [Theme] {
        try tx.query(
            """
            SELECT \(unescaped: Theme.columns) FROM calendar.themes t
            WHERE t.state = \(ThemeState.published) AND t.month >= \(month)
              AND EXISTS (SELECT 1 FROM calendar.compounds c WHERE c.id = \(compoundID) AND c.area_path && t.scope_area_ids)
            """
        ).decode(Theme.self)
    }

    /// The template as an activity copied it when its draft was made (`nil` if it has none).
    static func themeCopy(ofActivity activityID: Int, on tx: isolated PostgresConnection) throws -> ThemeTemplate? {
        struct Copy: Decodable { var themeCopy: ThemeTemplate? }
        return try tx.query("SELECT theme_copy FROM calendar.activities WHERE id = \(activityID)").decode(Copy.self).first?.themeCopy
    }
}
