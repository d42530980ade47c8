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
}
