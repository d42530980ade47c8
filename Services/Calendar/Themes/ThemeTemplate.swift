import CalendarCore
import Foundation
import ServiceKit

/// What a city or district suggests for the month; each compound's draft starts as a copy of it.
struct ThemeTemplate: Codable, Sendable, Equatable {
    var title: String
    /// How to run it, for the compound (it becomes the draft's notes).
    var guidance: String = ""
    /// Suggested formats, e.g. `包饺子`, `义诊`, `法律咨询`.
    var formats: [String] = []
    var capacity: Int?
    var volunteerRoles: [String] = []
    var earnsPoints: Bool = false
    var points: Int = 0
    /// A suggested local start in the month, which compounds adjust.
    var suggestedStart: String?
    var durationMinutes: Int = 120
    var recurrence: String?

    static let columns = """
        title, guidance, formats, capacity, volunteer_roles, earns_points, points, suggested_start, duration_minutes, recurrence
        """

    func problems(month: String) -> [Refusal.Field] {
        var fields = ActivityFields(
            title: title,
            notes: guidance,
            formats: formats,
            volunteerRoles: volunteerRoles,
            earnsPoints: earnsPoints,
            points: points,
            start: suggestedStart,
            durationMinutes: durationMinutes,
            recurrence: recurrence,
            capacity: capacity
        )
        fields.reservedSeats = 0
        var problems = fields.problems(requireStart: false).map { problem in
            switch problem.field {
            case "notes": Refusal.Field(field: "guidance", message: problem.message)
            case "start": Refusal.Field(field: "suggestedStart", message: problem.message)
            default: problem
            }
        }
        if let start = fields.startTime, String(start.description.prefix(7)) != month {
            problems.append(.init(field: "suggestedStart", message: "must fall in the theme's month \(month)"))
        }
        return problems
    }

    /// A compound's draft fields, copied from the template.
    var draftFields: ActivityFields {
        ActivityFields(
            title: title,
            notes: guidance,
            formats: formats,
            volunteerRoles: volunteerRoles,
            earnsPoints: earnsPoints,
            points: points,
            start: suggestedStart,
            durationMinutes: durationMinutes,
            recurrence: recurrence,
            capacity: capacity
        )
    }
}
