import Foundation
import Hummingbird
import ServiceKit

/// The body of `PUT …/report`: how it went, and who volunteered in which role for how long.
struct ReportBody: Decodable, Sendable {
    var notes: String?
    var volunteers: [RosterLine]?
}

/// An occurrence's closing report: the figures, the notes, and the volunteers.
struct ClosingReport: Encodable, Sendable, ResponseEncodable {
    /// A volunteer's role and hours.
    struct Volunteer: Encodable, Sendable {
        var residentID: Int
        var name: String?
        var role: String?
        var hours: Double
    }

    var occurrenceID: Int
    var activityID: Int
    var startsAt: Date
    var registrations: Int
    var waitlisted: Int
    var attendance: Int
    /// Attendance by channel: self, proxy, walk-in, paper.
    var byChannel: [String: Int]
    var volunteerHours: Double
    var volunteers: [Volunteer]
    var notes: String
    /// 0 until a report is filed; raised on every filing.
    var revision: Int
    var filedBy: String?
    var filedAt: Date?
}
