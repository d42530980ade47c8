import ServiceKit

extension ConcernsService {
    /// The concerns service's unique constraints that a request can run into, and the 409 each answers;
    /// any other unique violation is our fault and answers 500.
    static let duplicates: [String: DuplicateProblems.Duplicate] = [
        "councils_compound_id_key": .init(code: "already-exists", detail: "the compound already has a council"),
        "council_seats_current": .init(code: "seat-taken", detail: "this person already holds a seat of this party on the council"),
        "agenda_items_meeting_id_concern_id_key": .init(code: "already-on-agenda", detail: "the concern is already on the meeting's agenda"),
    ]
}
