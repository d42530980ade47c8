import Foundation
import Models
import Postgres

/// The occurrences' SQL.
enum OccurrenceStore {
    /// The occurrence with this recurrence id, locked `FOR KEY SHARE` (registering), `FOR UPDATE` (freeing seats) or not at all.
    static func find(activityID: Int, recurrenceID: String, lock: RowLock? = nil, on tx: isolated PostgresConnection) throws -> OccurrenceRecord? {
        try tx.query(
            """
            SELECT \(unescaped: OccurrenceRecord.columns) FROM calendar.occurrences
            WHERE activity_id = \(activityID) AND recurrence_id = \(recurrenceID) \(lock)
            """
        ).decode(OccurrenceRecord.self).first
    }

    /// The stored occurrences of an activity with these recurrence ids (those not materialised are missing).
    static func find(activityID: Int, recurrenceIDs: [String], on tx: isolated PostgresConnection) throws -> [OccurrenceRecord] {
        try tx.query(
            """
            SELECT \(unescaped: OccurrenceRecord.columns) FROM calendar.occurrences
            WHERE activity_id = \(activityID) AND recurrence_id = ANY (\(recurrenceIDs))
            """
        ).decode(OccurrenceRecord.self)
    }

    /// The occurrence, locked as `find` says.
    static func load(_ id: Int, lock: RowLock? = nil, on tx: isolated PostgresConnection) throws -> OccurrenceRecord? {
        try tx.query("SELECT \(unescaped: OccurrenceRecord.columns) FROM calendar.occurrences WHERE id = \(id) \(lock)")
            .decode(OccurrenceRecord.self).first
    }

    /// The activity's occurrences starting at or after `from`, by start.
    static func upcoming(activityID: Int, from: Date, on tx: isolated PostgresConnection) throws -> [OccurrenceRecord] {
        try tx.query(
            """
            SELECT \(unescaped: OccurrenceRecord.columns) FROM calendar.occurrences
            WHERE activity_id = \(activityID) AND starts_at >= \(from) ORDER BY starts_at, id
            """
        ).decode(OccurrenceRecord.self)
    }

    /// Which of these occurrences have registrations (`active`: not cancelled) or any history (registrations of any status, attendance).
    static func usage(_ ids: [Int], on tx: isolated PostgresConnection) throws -> (active: Set<Int>, history: Set<Int>) {
        let rows = try tx.query(
            """
            SELECT occurrence_id, bool_or(active) AS active FROM (
                SELECT occurrence_id, status <> \(RegistrationStatus.cancelled) AS active FROM calendar.registrations WHERE occurrence_id = ANY (\(ids))
                UNION ALL SELECT occurrence_id, true FROM calendar.attendance WHERE occurrence_id = ANY (\(ids))
            ) used GROUP BY occurrence_id
            """
        )
        var active = Set<Int>()
        var history = Set<Int>()
        for row in rows {
            let id = try row.decode("occurrence_id", as: Int.self)
            history.insert(id)
            if try row.decode("active", as: Bool.self) { active.insert(id) }
        }
        return (active, history)
    }

    static func insert(_ rows: [OccurrenceRecord], on tx: isolated PostgresConnection) throws -> [OccurrenceRecord] {
        guard !rows.isEmpty else { return [] }
        return try tx.query(
            """
            INSERT INTO calendar.occurrences (activity_id, recurrence_id, starts_at, ends_at, room_id, capacity, reserved_seats, cancelled)
            SELECT * FROM unnest(\(rows.map(\.activityID)), \(rows.map(\.recurrenceID)), \(rows.map(\.startsAt)), \(rows.map(\.endsAt)),
                \(PostgresNullableArray(rows.map(\.roomID))), \(PostgresNullableArray(rows.map(\.capacity))),
                \(rows.map(\.reservedSeats)), \(rows.map(\.cancelled)))
            RETURNING \(unescaped: OccurrenceRecord.columns)
            """
        ).decode(OccurrenceRecord.self)
    }

    /// Writes the changeable columns of many occurrences in one statement.
    static func update(_ rows: [OccurrenceRecord], on tx: isolated PostgresConnection) throws {
        guard !rows.isEmpty else { return }
        try tx.execute(
            """
            UPDATE calendar.occurrences o SET activity_id = n.activity_id, recurrence_id = n.recurrence_id, starts_at = n.starts_at,
                ends_at = n.ends_at, room_id = n.room_id, capacity = n.capacity, reserved_seats = n.reserved_seats, cancelled = n.cancelled
            FROM unnest(\(rows.map(\.id)), \(rows.map(\.activityID)), \(rows.map(\.recurrenceID)), \(rows.map(\.startsAt)),
                \(rows.map(\.endsAt)), \(PostgresNullableArray(rows.map(\.roomID))), \(PostgresNullableArray(rows.map(\.capacity))),
                \(rows.map(\.reservedSeats)), \(rows.map(\.cancelled)))
                AS n(id, activity_id, recurrence_id, starts_at, ends_at, room_id, capacity, reserved_seats, cancelled)
            WHERE o.id = n.id
            """
        )
    }

    /// Deletes occurrences that never had a registration or attendance (and their free seats).
    static func delete(_ ids: [Int], on tx: isolated PostgresConnection) throws {
        guard !ids.isEmpty else { return }
        try tx.execute("DELETE FROM calendar.seats WHERE occurrence_id = ANY (\(ids))")
        try tx.execute("DELETE FROM calendar.occurrences WHERE id = ANY (\(ids))")
    }

    static func setReminded(_ ids: [Int], at starts: [Date?], on tx: isolated PostgresConnection) throws {
        guard !ids.isEmpty else { return }
        try tx.execute(
            """
            UPDATE calendar.occurrences o SET reminded_for = n.starts
            FROM unnest(\(ids), \(PostgresNullableArray(starts))) AS n(id, starts) WHERE o.id = n.id
            """
        )
    }

    /// Hands the occurrences at and after a split point to the series that follows it.
    static func move(from activityID: Int, to newID: Int, from recurrenceID: String, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            UPDATE calendar.occurrences SET activity_id = \(newID)
            WHERE activity_id = \(activityID) AND recurrence_id >= \(recurrenceID)
            """
        )
    }

    /// Occurrences of published activities starting after `now` and at most at `until` whose reminders were
    /// not scheduled for their current start, earliest first (at most 5,000).
    static func needingReminders(now: Date, until: Date, on tx: isolated PostgresConnection) throws -> [OccurrenceRecord] {
        try tx.query(
            """
            SELECT \(unescaped: OccurrenceRecord.columns) FROM calendar.occurrences o
            WHERE NOT o.cancelled AND o.starts_at > \(now) AND o.starts_at <= \(until)
              AND o.reminded_for IS DISTINCT FROM o.starts_at
              AND EXISTS (SELECT 1 FROM calendar.activities a WHERE a.id = o.activity_id AND a.state = \(ActivityState.published))
            ORDER BY o.starts_at LIMIT 5000
            """
        ).decode(OccurrenceRecord.self)
    }
}
