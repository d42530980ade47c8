import Foundation
import Models

/// What the activity page shows: the activity as published, its next occurrences with seats, the one
/// chosen for signing up, whom the caller may sign up for it, and the caller's own sign-ups.
struct ActivityPage: Sendable {
    /// Sign-ups and seats of an occurrence.
    struct Seats: Sendable, Equatable {
        var confirmed: Int
        var waitlisted: Int
        /// Free general seats once the seats were made (at the first sign-up); `nil` before.
        var freeGeneral: Int?
        /// Free seats held for heads' proxy sign-ups, likewise.
        var freeReserved: Int?

        static let none = Seats(confirmed: 0, waitlisted: 0)
    }

    /// One occurrence and its seats.
    struct Slot: Sendable {
        var occurrence: OccurrenceRecord
        var seats: Seats

        /// Free seats a resident's own sign-up may take (`nil`: no limit).
        var freeGeneral: Int? {
            guard let capacity = occurrence.capacity else { return nil }
            return max(seats.freeGeneral ?? (capacity - occurrence.reservedSeats), 0)
        }

        /// Free seats held for heads' proxy sign-ups.
        var freeReserved: Int {
            guard occurrence.capacity != nil else { return 0 }
            return max(seats.freeReserved ?? occurrence.reservedSeats, 0)
        }
    }

    /// Someone the caller may sign up.
    struct Person: Sendable, Equatable {
        enum Relation: Sendable, Equatable {
            /// The caller.
            case me
            /// A member of the caller's household.
            case family
            /// A resident of a household the caller (a head) covers.
            case covered
        }

        var id: Int
        var name: String
        var relation: Relation
        var dwelling: String?
    }

    /// A sign-up the caller may cancel.
    struct Mine: Sendable, Equatable {
        var registrationID: Int
        var residentName: String
        var recurrenceID: String
        var startsAt: Date
        var endsAt: Date
        var status: RegistrationStatus
        var waitlistPosition: Int?
    }

    /// Whether sign-up for the chosen occurrence is possible now, and if not why.
    enum Window: Sendable, Equatable {
        case open
        case opensAt(Date)
        case closed
        case cancelled
        case ended
    }

    /// Who is looking.
    enum Viewer: Sendable, Equatable {
        /// Not signed in: the page invites them to.
        case anonymous
        /// A resident or head of the compound, who may sign people up.
        case member
        /// Signed in but not of the compound (or staff): they read the page only.
        case reader
    }

    var activity: ActivityRecord
    var themeTitle: String?
    var slots: [Slot]
    var chosen: Slot?
    var window: Window
    var viewer: Viewer
    /// Those the caller may sign up for the chosen occurrence who are not signed up for it yet.
    var people: [Person]
    var mine: [Mine]
}
