import CalendarCore
import Foundation
import Postgres
import ServiceKit

/// The venue rules an activity must keep: a venue of its own community, a room of that venue, no more
/// seats than the room holds, occurrences within opening hours, and no two activities in a room at once.
enum VenueRules {
    /// The venue and room an activity chose, checked, and the label feeds show; `nil` label without a venue.
    static func resolve(
        _ fields: ActivityFields,
        compoundID: Int,
        areaPath: [Int],
        on tx: isolated PostgresConnection
    ) throws -> (
        venue: Venue?, label: String?
    ) {
        guard let venueID = fields.venueID else {
            if fields.roomID != nil { throw Refusal.invalid("roomID", "a room needs its venue (venueID)") }
            return (nil, nil)
        }
        // A station serves the compounds of its community: the venue's compound, or one in the same community.
        guard let venue = try VenueStore.venue(venueID, on: tx),
            venue.compoundID == compoundID || (venue.areaPath.last != nil && venue.areaPath.last == areaPath.last)
        else { throw Refusal.invalid("venueID", "no such venue in this compound's community") }
        var label = venue.name
        var limit = venue.capacity
        if let roomID = fields.roomID {
            guard let room = venue.rooms.first(where: { $0.id == roomID }) else { throw Refusal.invalid("roomID", "no such room in the venue") }
            label += " · \(room.name)"
            limit = room.capacity ?? limit
        }
        if let limit, let capacity = fields.capacity, capacity > limit {
            throw Refusal.invalid("capacity", "the room holds \(limit); the capacity must not exceed it")
        }
        if let address = venue.address, !address.isEmpty { label += "（\(address)）" }
        return (venue, label)
    }

    /// Refuses occurrences outside the venue's opening hours (a venue without hours is always open).
    static func checkOpeningHours(_ venue: Venue?, occurrences: [OccurrenceRecord], timeZone: TimeZone) throws {
        guard let venue, !venue.openingHours.isEmpty else { return }
        for occurrence in occurrences where !occurrence.cancelled {
            guard let start = LocalDateTime(occurrence.startsAt, in: timeZone), let end = LocalDateTime(occurrence.endsAt, in: timeZone) else {
                continue
            }
            let endMinute = end.date == start.date ? end.minuteOfDay : (end.date == start.date.adding(days: 1) && end.minuteOfDay == 0 ? 1_440 : -1)
            let open = venue.openingHours.contains { hours in
                guard hours.weekday == start.date.weekday.rawValue, let opens = OpeningHours.minutes(hours.opens),
                    let closes = OpeningHours.minutes(hours.closes)
                else { return false }
                return start.minuteOfDay >= opens && endMinute >= 0 && endMinute <= closes
            }
            if !open {
                throw Refusal.invalid("start", "the occurrence of \(ChineseTime.dayAndTime(start)) falls outside the venue's opening hours")
            }
        }
    }

    /// Refuses occurrences that overlap another published activity's in the same room. Takes the room's
    /// advisory lock for the rest of the transaction, so two activities booked at once cannot both pass.
    static func checkClashes(
        roomID: Int?,
        occurrences: [OccurrenceRecord],
        excluding activityIDs: [Int],
        timeZone: TimeZone,
        on tx: isolated PostgresConnection
    ) throws {
        guard let roomID else { return }
        let booked = occurrences.filter { !$0.cancelled }
        guard !booked.isEmpty else { return }
        try VenueStore.lockRoom(roomID, on: tx)
        let clashes = try VenueStore.clashes(
            roomID: roomID,
            starts: booked.map(\.startsAt),
            ends: booked.map(\.endsAt),
            excluding: activityIDs,
            on: tx
        )
        guard let first = clashes.first else { return }
        let (title, start) = (first.title, first.startsAt)
        let when = LocalDateTime(start, in: timeZone).map(ChineseTime.dayAndTime) ?? "\(start)"
        throw Refusal.conflict("the room is already booked on \(when) by 「\(title)」 (\(clashes.count) clash(es) shown at most 3)", code: "room-clash")
    }
}
