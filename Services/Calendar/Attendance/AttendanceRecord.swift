import Foundation
import Hummingbird
import Models
import ServiceKit

/// A resident's presence at an occurrence.
struct AttendanceRecord: Codable, Sendable, Equatable {
    var id: Int
    var occurrenceID: Int
    var residentID: Int
    var registrationID: Int?
    var channel: AttendanceChannel
    var volunteerRole: String?
    var volunteerHours: Double
    var recordedBy: String
    var checkedInAt: Date

    static let columns = "id, occurrence_id, resident_id, registration_id, channel, volunteer_role, volunteer_hours, recorded_by, checked_in_at"
}

/// The answer to a check-in: the attendance, and whether it had been recorded already (a repeated scan).
struct CheckInResult: Encodable, Sendable, ResponseEncodable {
    var attendance: AttendanceRecord
    var residentName: String?
    var alreadyCheckedIn: Bool
}

/// The body of `POST …/check-ins`: a code, a scanned QR payload, or a resident walking in.
struct CheckInBody: Decodable, Sendable {
    var code: String?
    var qr: String?
    var residentID: Int?
    var volunteerRole: String?
    var volunteerHours: Double?
}

/// One line of a paper roster, or a volunteer in a closing report.
struct RosterLine: Decodable, Sendable {
    var residentID: Int
    var volunteerRole: String?
    var volunteerHours: Double?
}

/// The body of `POST …/roster`: the people on a paper sign-in sheet, entered afterwards.
struct PaperRoster: Decodable, Sendable {
    var entries: [RosterLine]
}

/// What entering a paper roster did.
struct RosterResult: Encodable, Sendable, ResponseEncodable {
    var recorded: Int
    var alreadyRecorded: Int
}

/// Checks the volunteer fields of a check-in or roster line.
func volunteerProblems(role: String?, hours: Double?, field: String) -> [Refusal.Field] {
    var problems: [Refusal.Field] = []
    if let role, role.isEmpty || role.count > 50 { problems.append(.init(field: "\(field)volunteerRole", message: "must be 1–50 characters")) }
    if let hours, !(0...24).contains(hours) || hours.isNaN {
        problems.append(.init(field: "\(field)volunteerHours", message: "must be from 0 to 24"))
    }
    return problems
}
