import CalendarCore
import Foundation
import Postgres

/// One materialised occurrence: what registrations, seats, attendance and reminders hang on.
struct OccurrenceRecord: Codable, Sendable, Equatable {
    var id: Int
    var activityID: Int
    /// The start the series gave it (its `RECURRENCE-ID`), local text.
    var recurrenceID: String
    var startsAt: Date
    var endsAt: Date
    var roomID: Int?
    var capacity: Int?
    var reservedSeats: Int
    var cancelled: Bool
    var remindedFor: Date?

    static let columns = "id, activity_id, recurrence_id, starts_at, ends_at, room_id, capacity, reserved_seats, cancelled, reminded_for"
}
