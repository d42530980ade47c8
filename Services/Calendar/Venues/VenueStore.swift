import Foundation
import Postgres

/// The venues' SQL.
enum VenueStore {
    static func venue(_ id: Int, on tx: isolated PostgresConnection) throws -> Venue? {
        try tx.query("SELECT \(unescaped: Venue.columns) FROM calendar.venues v WHERE v.id = \(id)").decode(Venue.self).first
    }

    static func venues(compoundIDs: [Int]?, areaIDs: [Int], after: Int, limit: Int, on tx: isolated PostgresConnection) throws -> [Venue] {
        try tx.query(
            """
            SELECT \(unescaped: Venue.columns) FROM calendar.venues v
            WHERE (\(compoundIDs == nil) OR v.compound_id = ANY (\(compoundIDs ?? [])) OR v.area_path && \(areaIDs)) AND v.id > \(after)
            ORDER BY v.id LIMIT \(limit)
            """
        ).decode(Venue.self)
    }

    static func insert(_ new: NewVenue, kind: VenueKind, areaPath: [Int], on tx: isolated PostgresConnection) throws -> Venue {
        let hours = try PostgresJSONB(encoding: new.openingHours ?? [])
        let id =
            try tx.query(
                """
                INSERT INTO calendar.venues (compound_id, area_path, kind, name, address, capacity, opening_hours)
                VALUES (\(new.compoundID), \(areaPath), \(kind), \(new.name.trimmingCharacters(in: .whitespacesAndNewlines)),
                        \(new.address), \(new.capacity), \(hours))
                RETURNING id
                """
            ).scalar(Int.self) ?? 0
        return try venue(id, on: tx)!
    }

    static func insertRoom(venueID: Int, _ new: NewRoom, on tx: isolated PostgresConnection) throws -> Room {
        try tx.query(
            """
            INSERT INTO calendar.rooms (venue_id, name, capacity)
            VALUES (\(venueID), \(new.name.trimmingCharacters(in: .whitespacesAndNewlines)), \(new.capacity))
            RETURNING id, venue_id, name, capacity
            """
        ).decode(Room.self)[0]
    }

    /// Another published activity's occurrence in a room, overlapping one being booked.
    struct RoomClash: Sendable {
        var title: String
        var startsAt: Date
    }

    /// Takes the room's advisory lock for the rest of the transaction, so two bookings of it queue.
    static func lockRoom(_ roomID: Int, on tx: isolated PostgresConnection) throws {
        try tx.execute("SELECT pg_advisory_xact_lock(hashtext('calendar.room'), \(Int32(truncatingIfNeeded: roomID)))")
    }

    /// The first (at most 3) occurrences of other published activities in the room that overlap the spans
    /// `starts[i]`–`ends[i]`, earliest first.
    static func clashes(
        roomID: Int,
        starts: [Date],
        ends: [Date],
        excluding activityIDs: [Int],
        on tx: isolated PostgresConnection
    ) throws -> [RoomClash] {
        let rows = try tx.query(
            """
            SELECT DISTINCT a.title, o.starts_at, o.ends_at
            FROM unnest(\(starts), \(ends)) AS n(s, e)
            JOIN calendar.occurrences o ON o.room_id = \(roomID) AND NOT o.cancelled AND o.starts_at < n.e AND o.ends_at > n.s
            JOIN calendar.activities a ON a.id = o.activity_id AND a.state = \(ActivityState.published)
            WHERE o.activity_id <> ALL (\(activityIDs))
            ORDER BY o.starts_at LIMIT 3
            """
        )
        return try rows.map { RoomClash(title: try $0.decode("title", as: String.self), startsAt: try $0.decode("starts_at", as: Date.self)) }
    }
}
