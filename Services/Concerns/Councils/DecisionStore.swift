import Foundation
import Postgres

/// The decisions' and action items' SQL.
enum DecisionStore {
    private struct DecisionRow: Decodable {
        var id: Int
        var meetingID: Int
        var summary: String
        var concernIDs: [Int]
        var settlesConcerns: Bool
        var createdAt: Date
    }

    /// A meeting's decisions with their action items, in the order they were taken.
    static func decisions(of meetingID: Int, on connection: isolated PostgresConnection) throws -> [DecisionView] {
        let decisions = try connection.query(
            """
            SELECT id, meeting_id, summary, concern_ids AS "concernIDs", settles_concerns, created_at
            FROM concerns.decisions WHERE meeting_id = \(meetingID) ORDER BY id
            """
        ).decode(DecisionRow.self)
        guard !decisions.isEmpty else { return [] }
        let items = try connection.query(
            """
            SELECT \(unescaped: ActionItemView.columns) FROM concerns.action_items
            WHERE decision_id = ANY (\(decisions.map(\.id))) ORDER BY id
            """
        ).decode(ActionItemView.self)
        let byDecision = Dictionary(grouping: items, by: \.decisionID)
        return decisions.map { row in
            DecisionView(
                id: row.id,
                meetingID: row.meetingID,
                summary: row.summary,
                concernIDs: row.concernIDs,
                settlesConcerns: row.settlesConcerns,
                createdAt: row.createdAt,
                actionItems: byDecision[row.id] ?? []
            )
        }
    }

    /// Stores a decision and its action items (each escalated from its due date until completed).
    static func insert(
        _ decision: NewDecision,
        summary: String,
        concernIDs: [Int],
        meeting: MeetingRecord,
        recordedBy: String,
        on tx: isolated PostgresConnection
    ) throws -> Int {
        let id =
            try tx.query(
                """
                INSERT INTO concerns.decisions (meeting_id, compound_id, summary, concern_ids, settles_concerns, recorded_by)
                VALUES (\(meeting.id), \(meeting.compoundID), \(summary), \(concernIDs), \(decision.settlesConcerns ?? false), \(recordedBy))
                RETURNING id
                """
            ).scalar(Int.self) ?? 0
        let items = decision.actionItems ?? []
        guard !items.isEmpty else { return id }
        try tx.execute(
            """
            INSERT INTO concerns.action_items (decision_id, compound_id, area_path, title, owner_party, due_at, next_escalation_at)
            SELECT \(id), \(meeting.compoundID), \(meeting.areaPath), t, o, d, d
            FROM unnest(\(items.map { $0.title.trimmingCharacters(in: .whitespacesAndNewlines) }), \(items.map(\.ownerParty)),
                        \(items.map(\.dueAt))) AS i(t, o, d)
            """
        )
        return id
    }

    /// One action item with its compound's place, for a scope check; with `lock`, locked for update.
    static func actionItem(_ id: Int, lock: RowLock?, on connection: isolated PostgresConnection) throws -> (ActionItemView, [Int])? {
        let rows = try connection.query(
            """
            SELECT \(unescaped: ActionItemView.columns), area_path FROM concerns.action_items WHERE id = \(id)
            \(lock)
            """
        )
        guard let row = rows.first else { return nil }
        return (try row.decode(ActionItemView.self), try row.decode("area_path", as: [Int].self))
    }

    /// Action items of the given compounds (or every compound with `nil`), newest first.
    static func actionItems(
        visibility: SQL,
        compoundID: Int?,
        ownerParty: String?,
        openOnly: Bool,
        before: Int?,
        limit: Int,
        on connection: isolated PostgresConnection
    ) throws -> [ActionItemView] {
        try connection.query(
            """
            SELECT \(unescaped: ActionItemView.columns) FROM concerns.action_items
            WHERE \(visibility) AND (\(compoundID)::int8 IS NULL OR compound_id = \(compoundID))
              AND (\(ownerParty)::text IS NULL OR owner_party = \(ownerParty))
              AND (NOT \(openOnly) OR completed_at IS NULL) AND id < \(before ?? Int.max)
            ORDER BY id DESC LIMIT \(limit)
            """
        ).decode(ActionItemView.self)
    }

    /// Records progress; 100 completes the item and ends its escalation.
    static func progress(_ id: Int, to progress: Int, note: String?, on tx: isolated PostgresConnection) throws -> ActionItemView {
        try tx.query(
            """
            UPDATE concerns.action_items SET progress = \(progress), progress_note = coalesce(\(note), progress_note),
                completed_at = CASE WHEN \(progress) = 100 THEN now() END,
                next_escalation_at = CASE WHEN \(progress) = 100 THEN NULL ELSE next_escalation_at END,
                updated_at = now()
            WHERE id = \(id) RETURNING \(unescaped: ActionItemView.columns)
            """
        ).decode(ActionItemView.self)[0]
    }
}
