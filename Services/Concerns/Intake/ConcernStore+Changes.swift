import Foundation
import Postgres

/// A concern ready to be stored: validated, placed, with its reporter.
struct ConcernDraft: Sendable {
    var compoundID: Int
    var areaPath: [Int]
    var gridID: Int?
    var buildingID: Int?
    var householdID: Int?
    var category: String
    var source: String
    var title: String
    var description: String
    var photos: [String]
    var reporterResidentID: Int?
    var raisedBy: String
}

extension ConcernStore {
    /// Stores a new concern, expected by its category's service level; `nil` if the category is unknown.
    static func insert(_ draft: ConcernDraft, on tx: isolated PostgresConnection) throws -> ConcernRecord? {
        let titleTerms = SearchTerms.of(draft.title)
        let searchTerms = SearchTerms.of(draft.title + "\n" + draft.description)
        let record = try tx.query(
            """
            INSERT INTO concerns.concerns (compound_id, area_path, grid_id, building_id, household_id, category, source, title,
                description, photos, title_terms, search_terms, reporter_resident_id, raised_by, expected_by, next_escalation_at)
            SELECT \(draft.compoundID), \(draft.areaPath), \(draft.gridID), \(draft.buildingID), \(draft.householdID), category,
                \(draft.source), \(draft.title), \(draft.description), \(draft.photos), \(titleTerms), \(searchTerms),
                \(draft.reporterResidentID), \(draft.raisedBy), now() + make_interval(hours => hours), now() + make_interval(hours => hours)
            FROM concerns.service_levels WHERE category = \(draft.category)
            RETURNING \(unescaped: ConcernRecord.columns)
            """
        ).decode(ConcernRecord.self).first
        if let record {
            try addUpdate(
                to: record.id,
                state: record.stateName,
                action: "raise",
                public: true,
                note: nil,
                author: draft.raisedBy,
                party: nil,
                on: tx
            )
        }
        return record
    }

    /// Applies an action the state machine allowed, and returns the concern as it now is.
    ///
    /// Settling and closing stop escalation; reopening starts a new period: expected again one
    /// service level from now, and escalated afresh (the escalation count goes on, so every
    /// escalation keeps its own event id).
    static func apply(
        _ action: ConcernAction,
        to id: Int,
        ownerParty: String?,
        on tx: isolated PostgresConnection
    ) throws -> ConcernRecord {
        let (target, action) = (action.target.rawValue, action.rawValue)
        return try tx.query(
            """
            WITH level AS (
                SELECT make_interval(hours => s.hours) AS span FROM concerns.concerns c
                JOIN concerns.service_levels s ON s.category = c.category WHERE c.id = \(id)
            )
            UPDATE concerns.concerns SET
                state = \(target),
                owner_party = coalesce(\(ownerParty), owner_party),
                acknowledged_at = CASE WHEN \(action) = 'acknowledge' THEN now() ELSE acknowledged_at END,
                settled_at = CASE WHEN \(action) = 'settle' THEN now() ELSE settled_at END,
                confirmed_at = CASE WHEN \(action) = 'confirm' THEN now() ELSE confirmed_at END,
                closed_at = CASE WHEN \(action) = 'close' THEN now() ELSE closed_at END,
                reopen_count = reopen_count + CASE WHEN \(action) = 'reopen' THEN 1 ELSE 0 END,
                expected_by = CASE WHEN \(action) = 'reopen' THEN now() + (SELECT span FROM level) ELSE expected_by END,
                escalation_base = CASE WHEN \(action) = 'reopen' THEN escalations ELSE escalation_base END,
                next_escalation_at = CASE
                    WHEN \(action) IN ('settle', 'close', 'confirm') THEN NULL
                    WHEN \(action) = 'reopen' THEN now() + (SELECT span FROM level)
                    ELSE next_escalation_at END,
                updated_at = now(),
                revision = revision + 1
            WHERE id = \(id)
            RETURNING \(unescaped: ConcernRecord.columns)
            """
        ).decode(ConcernRecord.self)[0]
    }

    /// Changes the owner party (and counts as a change: the revision moves on).
    static func assign(_ id: Int, to party: String, on tx: isolated PostgresConnection) throws -> ConcernRecord {
        try tx.query(
            """
            UPDATE concerns.concerns SET owner_party = \(party), updated_at = now(), revision = revision + 1
            WHERE id = \(id) RETURNING \(unescaped: ConcernRecord.columns)
            """
        ).decode(ConcernRecord.self)[0]
    }

    /// Marks a public note as a change (the revision moves on, so its event has an id of its own).
    static func touch(_ id: Int, on tx: isolated PostgresConnection) throws -> ConcernRecord {
        try tx.query(
            "UPDATE concerns.concerns SET updated_at = now(), revision = revision + 1 WHERE id = \(id) RETURNING \(unescaped: ConcernRecord.columns)"
        ).decode(ConcernRecord.self)[0]
    }

    /// Appends to a concern's history.
    static func addUpdate(
        to id: Int,
        state: String?,
        action: String,
        public: Bool,
        note: String?,
        author: String,
        party: String?,
        on tx: isolated PostgresConnection
    ) throws {
        try tx.execute(
            """
            INSERT INTO concerns.concern_updates (concern_id, state, action, public, note, author, author_party)
            VALUES (\(id), \(state), \(action), \(`public`), \(note), \(author), \(party))
            """
        )
    }

    /// Records a household's "me too"; `false` if that household already said so.
    static func addMeToo(to id: Int, household: Int, resident: Int?, by subject: String, on tx: isolated PostgresConnection) throws -> Bool {
        let added = try tx.execute(
            """
            INSERT INTO concerns.me_too (concern_id, household_id, resident_id, added_by)
            VALUES (\(id), \(household), \(resident), \(subject)) ON CONFLICT DO NOTHING
            """
        )
        guard added == 1 else { return false }
        try tx.execute("UPDATE concerns.concerns SET me_too_count = me_too_count + 1 WHERE id = \(id)")
        return true
    }
}
