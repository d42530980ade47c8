import Foundation
import Postgres
import ServiceKit

/// What a list of concerns asks for (besides the caller's scope).
struct ConcernFilter: Sendable {
    var state: String?
    var category: String?
    var compoundID: Int?
    var ownerParty: String?
    /// Only concerns the caller reported or entered.
    var mine = false
    /// Only unsettled concerns past their expected date.
    var overdue = false
    /// A full-text query from ``SearchTerms/query(_:)``.
    var searchQuery: String?
    /// Ids below this (the cursor of the previous page).
    var before: Int?
    var limit = 50
}

/// The concerns' SQL: reads.
enum ConcernStore {
    /// One concern; with `lock`, locked for update until the transaction ends.
    static func concern(_ id: Int, lock: RowLock? = nil, on connection: isolated PostgresConnection) throws -> ConcernRecord? {
        try connection.query(
            "SELECT \(unescaped: ConcernRecord.columns) FROM concerns.concerns WHERE id = \(id) \(lock)"
        ).decode(ConcernRecord.self).first
    }

    /// A concern's history, oldest first; internal notes only when asked for.
    static func updates(of id: Int, includeInternal: Bool, on connection: isolated PostgresConnection) throws -> [ConcernUpdateRecord] {
        try connection.query(
            """
            SELECT id, state, action, public, note, author, author_party, created_at FROM concerns.concern_updates
            WHERE concern_id = \(id) AND (public OR \(includeInternal)) ORDER BY id
            """
        ).decode(ConcernUpdateRecord.self)
    }

    /// The reporter's name and phone from the projection.
    static func reporter(_ residentID: Int, on connection: isolated PostgresConnection) throws -> (name: String, phone: String?)? {
        guard let row = try connection.query("SELECT name, phone FROM concerns.residents WHERE id = \(residentID)").first else { return nil }
        return (try row.decode(0), try row.decode(1))
    }

    /// Concerns the caller may see, newest first.
    static func list(_ filter: ConcernFilter, viewer: Viewer, on connection: isolated PostgresConnection) throws -> [ConcernListItem] {
        var conditions: [SQL] = [visibility(of: viewer)]
        if let state = filter.state { conditions.append("state = \(state)") }
        if let category = filter.category { conditions.append("category = \(category)") }
        if let compound = filter.compoundID { conditions.append("compound_id = \(compound)") }
        if let owner = filter.ownerParty { conditions.append("owner_party = \(owner)") }
        if filter.mine {
            conditions.append("(reporter_resident_id = \(viewer.principal.residentID) OR raised_by = \(viewer.principal.subject))")
        }
        if filter.overdue {
            conditions.append("state = ANY (\(ConcernState.unsettled.map(\.rawValue))) AND expected_by < now()")
        }
        if let query = filter.searchQuery { conditions.append("search_vector @@ to_tsquery('simple', \(query))") }
        if let before = filter.before { conditions.append("id < \(before)") }
        let sql: SQL = """
            SELECT \(unescaped: ConcernListItem.columns) FROM concerns.concerns
            WHERE \(SQL.joined(conditions, separator: " AND "))
            ORDER BY id DESC LIMIT \(filter.limit)
            """
        return try connection.query(sql).decode(ConcernListItem.self)
    }

    /// The rows a caller's lists may include: everything for administrators, the subtrees of a
    /// district office, a secretary's compounds; for everyone else the compounds they live in, head
    /// or sit on the council of, plus what they reported, entered, or concerns their household.
    static func visibility(of viewer: Viewer) -> SQL {
        let principal = viewer.principal
        switch principal.role {
        case .admin: return "TRUE"
        case .district: return "area_path && \(principal.areaIDs)"
        case .secretary: return "compound_id = ANY (\(principal.compoundIDs))"
        default:
            let households = Array(viewer.coveredHouseholds) + (viewer.household.map { [$0] } ?? [])
            return """
                (compound_id = ANY (\(Array(viewer.memberCompounds))) OR reporter_resident_id = \(principal.residentID)
                 OR raised_by = \(principal.subject) OR household_id = ANY (\(households)))
                """
        }
    }

    /// Unsettled (or settled and still reopenable) concerns of a compound and category that look like
    /// the given title and description, most similar first.
    static func duplicates(
        compoundID: Int,
        category: String,
        titleTerms: String,
        allTerms: String,
        threshold: Double,
        excluding: Int?,
        reopenWindow: TimeInterval,
        on connection: isolated PostgresConnection
    ) throws -> [DuplicateSuggestion] {
        try connection.query(
            """
            SELECT id, title, state, me_too_count, raised_at, similarity FROM (
                SELECT id, title, state, me_too_count, raised_at,
                       greatest(concerns.similarity(title_terms, \(titleTerms)), concerns.similarity(search_terms, \(allTerms)))::float8
                           AS similarity
                FROM concerns.concerns
                WHERE compound_id = \(compoundID) AND category = \(category) AND id <> \(excluding ?? 0)
                  AND (state = ANY (\(ConcernState.unsettled.map(\.rawValue)))
                       OR (state = 'settled' AND confirmed_at IS NULL AND settled_at > now() - make_interval(secs => \(reopenWindow))))
            ) AS candidates
            WHERE similarity >= \(threshold)
            ORDER BY similarity DESC, id DESC LIMIT 5
            """
        ).decode(DuplicateSuggestion.self)
    }
}
