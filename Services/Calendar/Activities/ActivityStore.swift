import Foundation
import Postgres

/// What a new activity row holds besides its fields.
struct ActivityInsert: Sendable {
    var compoundID: Int
    var areaPath: [Int]
    var kind = ActivityKind.activity
    var themeID: Int?
    /// The theme's template as copied, for showing later template changes.
    var themeCopy: ThemeTemplate?
    var councilMeetingID: Int?
    var councilRevision: Int?
    var splitFrom: Int?
    var fields: ActivityFields
    var venueLabel: String?
    var state = ActivityState.draft
    var sequence = 0
    var revision = 0
    var createdBy: String
}

/// The activities' SQL.
enum ActivityStore {
    static func insert(_ new: ActivityInsert, on tx: isolated PostgresConnection) throws -> ActivityRecord {
        let fields = new.fields
        let themeCopy = try new.themeCopy.map { try PostgresJSONB(encoding: $0) }
        return try tx.query(
            """
            INSERT INTO calendar.activities (compound_id, area_path, kind, theme_id, theme_copy, council_meeting_id, council_revision,
                split_from, title, notes, formats, volunteer_roles, earns_points, points, venue_id, room_id, location, venue_label,
                starts_local, duration_minutes, recurrence, rdates, exdates, capacity, reserved_seats, registration_opens_days,
                registration_closes_minutes, state, sequence, revision, created_by, published_at)
            VALUES (\(new.compoundID), \(new.areaPath), \(new.kind), \(new.themeID), \(themeCopy), \(new.councilMeetingID),
                \(new.councilRevision), \(new.splitFrom), \(fields.title), \(fields.notes), \(fields.formats), \(fields.volunteerRoles),
                \(fields.earnsPoints), \(fields.points), \(fields.venueID), \(fields.roomID), \(fields.location), \(new.venueLabel),
                \(fields.start), \(fields.durationMinutes), \(fields.recurrence), \(fields.rdates), \(fields.exdates), \(fields.capacity),
                \(fields.reservedSeats), \(fields.registrationOpensDaysBefore), \(fields.registrationClosesMinutesBefore), \(new.state),
                \(new.sequence), \(new.revision), \(new.createdBy), CASE WHEN \(new.state == .published) THEN now() END)
            RETURNING \(unescaped: ActivityRecord.columns)
            """
        ).decode(ActivityRecord.self)[0]
    }

    /// The activity, locked for the rest of the transaction when a `lock` is given.
    static func load(_ id: Int, lock: RowLock? = nil, on tx: isolated PostgresConnection) throws -> ActivityRecord? {
        try tx.query("SELECT \(unescaped: ActivityRecord.columns) FROM calendar.activities WHERE id = \(id) \(lock)")
            .decode(ActivityRecord.self).first
    }

    /// The activity a council meeting was published as, if any.
    static func load(councilMeeting meetingID: Int, lock: RowLock? = nil, on tx: isolated PostgresConnection) throws -> ActivityRecord? {
        try tx.query("SELECT \(unescaped: ActivityRecord.columns) FROM calendar.activities WHERE council_meeting_id = \(meetingID) \(lock)")
            .decode(ActivityRecord.self).first
    }

    /// Writes every changeable column of the record (one statement, whatever changed).
    @discardableResult
    static func save(_ record: ActivityRecord, on tx: isolated PostgresConnection) throws -> ActivityRecord {
        let fields = record.fields
        return try tx.query(
            """
            UPDATE calendar.activities SET title = \(fields.title), notes = \(fields.notes), formats = \(fields.formats),
                volunteer_roles = \(fields.volunteerRoles), earns_points = \(fields.earnsPoints), points = \(fields.points),
                venue_id = \(fields.venueID), room_id = \(fields.roomID), location = \(fields.location), venue_label = \(record.venueLabel),
                starts_local = \(fields.start), duration_minutes = \(fields.durationMinutes), recurrence = \(fields.recurrence),
                rdates = \(fields.rdates), exdates = \(fields.exdates), capacity = \(fields.capacity), reserved_seats = \(fields.reservedSeats),
                registration_opens_days = \(fields.registrationOpensDaysBefore),
                registration_closes_minutes = \(fields.registrationClosesMinutesBefore), state = \(record.state),
                sequence = \(record.sequence), revision = \(record.revision), cancel_reason = \(record.cancelReason),
                council_revision = \(record.councilRevision), updated_at = now(),
                published_at = CASE WHEN \(record.state == .published) THEN coalesce(published_at, now()) ELSE published_at END
            WHERE id = \(record.id)
            RETURNING \(unescaped: ActivityRecord.columns)
            """
        ).decode(ActivityRecord.self)[0]
    }

    /// Records how far ahead the activity's occurrences are materialised.
    static func setMaterialised(_ id: Int, until: Date?, on tx: isolated PostgresConnection) throws {
        try tx.execute("UPDATE calendar.activities SET materialised_until = \(until) WHERE id = \(id)")
    }

    /// A page of activities a filter selects, by id.
    static func list(_ filter: ActivityFilter, on tx: isolated PostgresConnection) throws -> [ActivityRecord] {
        try tx.query(
            """
            SELECT \(unescaped: ActivityRecord.columns) FROM calendar.activities
            WHERE (\(filter.everything) OR area_path && \(filter.areaIDs) OR compound_id = ANY (\(filter.managedCompounds))
                   OR (compound_id = ANY (\(filter.homeCompounds)) AND state <> \(ActivityState.draft)))
              AND (\(filter.compoundID)::int8 IS NULL OR compound_id = \(filter.compoundID))
              AND (\(filter.themeID)::int8 IS NULL OR theme_id = \(filter.themeID))
              AND (\(filter.state)::text IS NULL OR state = \(filter.state))
              AND id > \(filter.after ?? 0)
            ORDER BY id LIMIT \(filter.limit)
            """
        ).decode(ActivityRecord.self)
    }

    /// Published series materialised only up to before `before`, least materialised first, locked (skipping
    /// rows another run holds) so replicas share the work.
    static func stale(before: Date, limit: Int, on tx: isolated PostgresConnection) throws -> [ActivityRecord] {
        try tx.query(
            """
            SELECT \(unescaped: ActivityRecord.columns) FROM calendar.activities
            WHERE state = \(ActivityState.published) AND recurrence IS NOT NULL AND materialised_until < \(before)
            ORDER BY materialised_until LIMIT \(limit) \(RowLock.updateSkipLocked)
            """
        ).decode(ActivityRecord.self)
    }
}

/// Which activities a list shows: the caller's scope, narrowed by the query.
struct ActivityFilter: Sendable {
    var everything = false
    var areaIDs: [Int] = []
    var managedCompounds: [Int] = []
    var homeCompounds: [Int] = []
    var compoundID: Int?
    var themeID: Int?
    var state: ActivityState?
    var after: Int?
    var limit = 50
}
