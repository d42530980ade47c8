import ServiceKit

extension CalendarService {
    /// The calendar's unique constraints that a request can run into, and the 409 each answers; any
    /// other unique violation (a seat or a check-in code taken twice) is our fault and answers 500.
    static let duplicates: [String: DuplicateProblems.Duplicate] = [
        // Two sign-ups of one resident at the same moment: the second finds the first only at insert.
        "registrations_once": .init(code: "already-registered", detail: "the resident is already registered for this occurrence"),
        "venues_compound_id_name_key": .init(code: "venue-exists", detail: "the compound already has a venue of this name"),
        "rooms_venue_id_name_key": .init(code: "room-exists", detail: "the venue already has a room of this name"),
    ]
}
