import CalendarCore
import Foundation
import Hummingbird

/// One occurrence as a calendar shows it: overrides applied, with its seats and sign-ups when materialised.
struct OccurrenceView: Encodable, Sendable {
    /// The original local start, the key in `/occurrences/{start}` paths.
    var recurrenceID: String
    /// The local start and end, moved if an override moved it.
    var start: String
    var end: String
    var startsAt: Date
    var endsAt: Date
    /// `CONFIRMED` or `CANCELLED`.
    var status: String
    var title: String
    var location: String?
    var capacity: Int?
    var overridden: Bool
    /// Set once the occurrence is materialised (published, within the horizon).
    var occurrenceID: Int?
    var confirmed: Int
    var waitlisted: Int
    /// Seats still free (`nil` without a limit).
    var available: Int?

    init(_ occurrence: EventOccurrence, timeZone: TimeZone, stored: OccurrenceRecord?, counts: (confirmed: Int, waitlisted: Int)?) {
        recurrenceID = occurrence.recurrenceID.description
        start = occurrence.start.description
        end = LocalDateTime(occurrence.endInstant, in: timeZone)?.description ?? start
        startsAt = occurrence.startInstant
        endsAt = occurrence.endInstant
        status = occurrence.status.rawValue
        title = occurrence.details.title
        location = occurrence.details.location
        capacity = stored?.capacity ?? occurrence.details.capacity
        overridden = occurrence.isOverridden
        occurrenceID = stored?.id
        confirmed = counts?.confirmed ?? 0
        waitlisted = counts?.waitlisted ?? 0
        available = capacity.map { max(0, $0 - confirmed) }
    }
}

/// The occurrences of an activity over a window.
struct OccurrenceList: Encodable, Sendable, ResponseEncodable {
    var activityID: Int
    var from: Date
    var to: Date
    var items: [OccurrenceView]
}
