import CalendarCore
import Foundation
import ServiceKit

/// What a compound sets on an activity, with the names the API uses (the store reads columns under
/// the same names). Times are local wall-clock text in the activity's zone (Asia/Shanghai).
struct ActivityFields: Codable, Sendable, Equatable {
    var title: String
    var notes: String = ""
    var formats: [String] = []
    var volunteerRoles: [String] = []
    var earnsPoints: Bool = false
    var points: Int = 0
    var venueID: Int?
    var roomID: Int?
    /// Free text where it happens, when no venue is chosen or to add detail.
    var location: String?
    /// DTSTART, e.g. `2025-03-08T09:00:00`; a theme draft may not have one yet.
    var start: String?
    var durationMinutes: Int = 120
    /// The RFC 5545 RRULE value, e.g. `FREQ=MONTHLY;BYDAY=-1SA;COUNT=12`.
    var recurrence: String?
    /// RDATE and EXDATE: local starts added (a lunar-calendar festival) or removed (a make-up working day).
    var rdates: [String] = []
    var exdates: [String] = []
    /// Seats, or `nil` for no limit.
    var capacity: Int?
    /// Seats held for proxy sign-ups by heads (for elderly residents).
    var reservedSeats: Int = 0
    /// Registration opens this many days before each occurrence (`nil`: as soon as it is published).
    var registrationOpensDaysBefore: Int?
    /// Registration closes this many minutes before each occurrence starts.
    var registrationClosesMinutesBefore: Int = 0

    /// The SELECT list that reads these fields under their API names.
    static let columns = """
        title, notes, formats, volunteer_roles, earns_points, points, venue_id, room_id, location,
        starts_local AS start, duration_minutes, recurrence, rdates, exdates, capacity, reserved_seats,
        registration_opens_days AS registration_opens_days_before,
        registration_closes_minutes AS registration_closes_minutes_before
        """

    /// The parsed DTSTART, if any.
    var startTime: LocalDateTime? { start.flatMap(LocalDateTime.init(text:)) }

    /// Every field that is wrong, named as the API names it; `requireStart` for publishing.
    func problems(requireStart: Bool) -> [Refusal.Field] {
        var problems: [Refusal.Field] = []
        func add(_ field: String, _ message: String) { problems.append(.init(field: field, message: message)) }
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.count > 100 { add("title", "must be 1–100 characters") }
        if notes.count > 4_000 { add("notes", "must be at most 4,000 characters") }
        if formats.count > 20 || formats.contains(where: { $0.isEmpty || $0.count > 50 }) { add("formats", "at most 20, each 1–50 characters") }
        if volunteerRoles.count > 20 || volunteerRoles.contains(where: { $0.isEmpty || $0.count > 50 }) {
            add("volunteerRoles", "at most 20, each 1–50 characters")
        }
        if !(0...1_000).contains(points) { add("points", "must be from 0 to 1,000") }
        if (location?.count ?? 0) > 200 { add("location", "must be at most 200 characters") }
        if let start, LocalDateTime(text: start) == nil {
            add("start", "must be a local date and time such as 2025-03-08T09:00:00")
        } else if start == nil && requireStart {
            add("start", "is required to publish")
        }
        if !(1...10_080).contains(durationMinutes) { add("durationMinutes", "must be from 1 to 10,080 (a week)") }
        if let recurrence {
            do {
                _ = try RecurrenceRule(parsing: recurrence)
            } catch {
                add("recurrence", "is not a supported RRULE: \(error.reason) (\(error.part))")
            }
        }
        for (name, values) in [("rdates", rdates), ("exdates", exdates)] {
            if values.count > 366 { add(name, "at most 366 dates") }
            for (index, value) in values.enumerated() where LocalDateTime(text: value) == nil {
                add("\(name)[\(index)]", "must be a local date and time such as 2025-10-06T19:00:00")
            }
        }
        if let capacity, !(1...100_000).contains(capacity) { add("capacity", "must be from 1 to 100,000, or absent for no limit") }
        if reservedSeats < 0 || reservedSeats > (capacity ?? 0) { add("reservedSeats", "must be from 0 to the capacity") }
        if let days = registrationOpensDaysBefore, !(1...365).contains(days) { add("registrationOpensDaysBefore", "must be from 1 to 365") }
        if !(0...10_080).contains(registrationClosesMinutesBefore) { add("registrationClosesMinutesBefore", "must be from 0 to 10,080") }
        return problems
    }
}
