import CalendarCore
import Foundation
import Postgres

/// A change to one occurrence as stored (see ``OccurrenceOverride``).
struct OverrideRecord: Codable, Sendable, Equatable {
    var activityID: Int
    var recurrenceID: String
    var start: String?
    var durationMinutes: Int?
    var title: String?
    var location: String?
    var capacity: Int?
    var cancelled: Bool
    var reason: String?
    var sequence: Int

    static let columns = "activity_id, recurrence_id, starts_local AS start, duration_minutes, title, location, capacity, cancelled, reason, sequence"

    /// The override as CalendarCore applies it; `nil` if its times do not parse (never written so).
    var override: OccurrenceOverride? {
        guard let recurrence = LocalDateTime(text: recurrenceID) else { return nil }
        return OccurrenceOverride(
            recurrenceID: recurrence,
            start: start.flatMap(LocalDateTime.init(text:)),
            duration: durationMinutes.map { .seconds($0 * 60) },
            title: title,
            location: location,
            capacity: capacity,
            isCancelled: cancelled,
            sequence: sequence
        )
    }
}

/// The overrides' SQL.
enum OverrideStore {
    static func overrides(of activityIDs: [Int], on tx: isolated PostgresConnection) throws -> [Int: [OverrideRecord]] {
        let rows = try tx.query(
            "SELECT \(unescaped: OverrideRecord.columns) FROM calendar.overrides WHERE activity_id = ANY (\(activityIDs)) ORDER BY recurrence_id"
        ).decode(OverrideRecord.self)
        return Dictionary(grouping: rows, by: \.activityID)
    }

    static func override(_ activityID: Int, _ recurrenceID: String, on tx: isolated PostgresConnection) throws -> OverrideRecord? {
        try tx.query(
            """
            SELECT \(unescaped: OverrideRecord.columns) FROM calendar.overrides
            WHERE activity_id = \(activityID) AND recurrence_id = \(recurrenceID)
            """
        ).decode(OverrideRecord.self).first
    }

    static func save(_ record: OverrideRecord, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            INSERT INTO calendar.overrides (activity_id, recurrence_id, starts_local, duration_minutes, title, location, capacity,
                cancelled, reason, sequence)
            VALUES (\(record.activityID), \(record.recurrenceID), \(record.start), \(record.durationMinutes), \(record.title),
                \(record.location), \(record.capacity), \(record.cancelled), \(record.reason), \(record.sequence))
            ON CONFLICT (activity_id, recurrence_id) DO UPDATE SET starts_local = EXCLUDED.starts_local,
                duration_minutes = EXCLUDED.duration_minutes, title = EXCLUDED.title, location = EXCLUDED.location,
                capacity = EXCLUDED.capacity, cancelled = EXCLUDED.cancelled, reason = EXCLUDED.reason, sequence = EXCLUDED.sequence
            """
        )
    }

    /// Moves the overrides at and after a split point to the series that follows it.
    static func move(from activityID: Int, to newID: Int, from recurrenceID: String, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            UPDATE calendar.overrides SET activity_id = \(newID)
            WHERE activity_id = \(activityID) AND recurrence_id >= \(recurrenceID)
            """
        )
    }

    /// Deletes the overrides at and after a split point (the series that follows gets them re-keyed).
    static func delete(activityID: Int, from recurrenceID: String, on tx: isolated PostgresConnection) throws {
        try tx.execute("DELETE FROM calendar.overrides WHERE activity_id = \(activityID) AND recurrence_id >= \(recurrenceID)")
    }
}
