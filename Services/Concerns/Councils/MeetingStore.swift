import Foundation
import Models
import Postgres

/// The meetings' SQL: meetings, agendas and attendance.
enum MeetingStore {
    /// One meeting with its compound's place; with `lock`, the meeting's row (only) is locked first.
    ///
    /// The lock is its own statement because ``RowLock`` has no `OF m` form, and a lock clause on the
    /// join would lock the compound's projection row too; the read after it sees the row as locked.
    static func meeting(_ id: Int, lock: RowLock? = nil, on connection: isolated PostgresConnection) throws -> MeetingRecord? {
        if let lock { try connection.execute("SELECT id FROM concerns.meetings WHERE id = \(id) \(lock)") }
        return try connection.query(
            """
            SELECT m.id, m.council_id, m.compound_id, p.area_path, m.title, m.venue, m.starts_at, m.ends_at, m.state, m.held_at,
                   m.parties_present, m.quorum_met, m.minutes, m.revision
            FROM concerns.meetings m JOIN concerns.compounds p ON p.id = m.compound_id WHERE m.id = \(id)
            """
        ).decode(MeetingRecord.self).first
    }

    static func meetings(of councilID: Int, before: Int?, limit: Int, on connection: isolated PostgresConnection) throws -> [MeetingSummary] {
        try connection.query(
            """
            SELECT \(unescaped: MeetingSummary.columns) FROM concerns.meetings
            WHERE council_id = \(councilID) AND id < \(before ?? Int.max) ORDER BY id DESC LIMIT \(limit)
            """
        ).decode(MeetingSummary.self)
    }

    static func insert(_ new: NewMeeting, title: String, venue: String?, council: CouncilRecord, on tx: isolated PostgresConnection) throws -> Int {
        try tx.query(
            """
            INSERT INTO concerns.meetings (council_id, compound_id, title, venue, starts_at, ends_at)
            VALUES (\(council.id), \(council.compoundID), \(title), \(venue), \(new.startsAt), \(new.endsAt)) RETURNING id
            """
        ).scalar(Int.self) ?? 0
    }

    /// Referred concerns of a compound not yet on the agenda of a meeting still to be held.
    static func pendingReferred(compoundID: Int, on connection: isolated PostgresConnection) throws -> [Int] {
        try connection.query(
            """
            SELECT c.id FROM concerns.concerns c
            WHERE c.compound_id = \(compoundID) AND c.state = 'referred'
              AND NOT EXISTS (SELECT 1 FROM concerns.agenda_items a JOIN concerns.meetings m ON m.id = a.meeting_id
                              WHERE a.concern_id = c.id AND m.state = \(MeetingState.scheduled))
            ORDER BY c.id LIMIT 100
            """
        ).column("id", as: Int.self)
    }

    /// The titles of concerns that may go on a compound's agenda (referred ones), by id.
    static func referredTitles(_ ids: [Int], compoundID: Int, on connection: isolated PostgresConnection) throws -> [Int: String] {
        let rows = try connection.query(
            "SELECT id, title FROM concerns.concerns WHERE id = ANY (\(ids)) AND compound_id = \(compoundID) AND state = 'referred'"
        )
        return Dictionary(uniqueKeysWithValues: try rows.map { (try $0.decode(0, as: Int.self), try $0.decode(1, as: String.self)) })
    }

    /// Appends items to an agenda (a concern already on it is skipped).
    static func appendAgenda(_ items: [AgendaItem], to meetingID: Int, on tx: isolated PostgresConnection) throws {
        guard !items.isEmpty else { return }
        try tx.execute(
            """
            INSERT INTO concerns.agenda_items (meeting_id, position, concern_id, title)
            SELECT \(meetingID), coalesce((SELECT max(position) FROM concerns.agenda_items WHERE meeting_id = \(meetingID)), 0) + n, c, t
            FROM unnest(\(PostgresNullableArray(items.map(\.concernID))), \(items.map(\.title))) WITH ORDINALITY AS i(c, t, n)
            ON CONFLICT (meeting_id, concern_id) DO NOTHING
            """
        )
    }

    static func agenda(of meetingID: Int, on connection: isolated PostgresConnection) throws -> [AgendaItem] {
        try connection.query(
            "SELECT position, concern_id, title FROM concerns.agenda_items WHERE meeting_id = \(meetingID) ORDER BY position"
        ).decode(AgendaItem.self)
    }

    static func attendance(of meetingID: Int, on connection: isolated PostgresConnection) throws -> [Attendee] {
        try connection.query(
            "SELECT party, name, seat_id FROM concerns.attendance WHERE meeting_id = \(meetingID) ORDER BY position"
        ).decode(Attendee.self)
    }

    /// Records that the meeting was held, who attended and whether it was quorate.
    static func hold(
        _ meetingID: Int,
        at heldAt: Date,
        attendees: [Attendee],
        minutes: String?,
        on tx: isolated PostgresConnection
    ) throws {
        try tx.execute(
            """
            INSERT INTO concerns.attendance (meeting_id, position, party, name, seat_id)
            SELECT \(meetingID), n, p, a, s FROM unnest(\(attendees.map(\.party)), \(attendees.map(\.name)),
                \(PostgresNullableArray(attendees.map(\.seatID)))) WITH ORDINALITY AS i(p, a, s, n)
            """
        )
        try tx.execute(
            """
            UPDATE concerns.meetings SET state = \(MeetingState.held), held_at = \(heldAt), minutes = \(minutes),
                parties_present = \(Quorum.partiesPresent(attendees).map(\.rawValue)), quorum_met = \(Quorum.isMet(attendees))
            WHERE id = \(meetingID)
            """
        )
    }

    /// How many of the seats belong to the council.
    static func seatCount(_ seatIDs: [Int], councilID: Int, on connection: isolated PostgresConnection) throws -> Int? {
        try connection.query(
            "SELECT count(*) FROM concerns.council_seats WHERE id = ANY (\(seatIDs)) AND council_id = \(councilID)"
        ).scalar(Int.self)
    }

    /// Replaces a meeting's minutes.
    static func setMinutes(_ meetingID: Int, _ minutes: String?, on tx: isolated PostgresConnection) throws {
        try tx.execute("UPDATE concerns.meetings SET minutes = \(minutes) WHERE id = \(meetingID)")
    }

    /// Moves a meeting's revision on (its agenda changed) and returns the new one.
    static func bumpRevision(_ meetingID: Int, on tx: isolated PostgresConnection) throws -> Int {
        try tx.query("UPDATE concerns.meetings SET revision = revision + 1 WHERE id = \(meetingID) RETURNING revision").scalar(Int.self) ?? 0
    }
}
