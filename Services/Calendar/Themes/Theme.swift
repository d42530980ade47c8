import Foundation
import Hummingbird
import ServiceKit

/// A month's theme (一月一主题) from a city or district, pushed to the compounds of its scope.
struct Theme: Sendable, Equatable, Encodable, ResponseEncodable {
    var id: Int
    /// `YYYY-MM`.
    var month: String
    var scopeAreaIDs: [Int]
    var state: ThemeState
    var revision: Int
    var createdBy: String
    var template: ThemeTemplate
    /// Drafts (or activities) the compounds have from it, when counted.
    var compoundCount: Int?

    /// (`scopeAreaIDs` is aliased: the row decoder would look for `scope_area_i_ds`.)
    static let columns = "id, month, scope_area_ids AS \"scopeAreaIDs\", state, revision, created_by, \(ThemeTemplate.columns)"

    private enum CodingKeys: String, CodingKey { case id, month, scopeAreaIDs, state, revision, createdBy, compoundCount }

    func encode(to encoder: any Encoder) throws {
        try template.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(month, forKey: .month)
        try container.encode(scopeAreaIDs, forKey: .scopeAreaIDs)
        try container.encode(state, forKey: .state)
        try container.encode(revision, forKey: .revision)
        try container.encode(createdBy, forKey: .createdBy)
        try container.encodeIfPresent(compoundCount, forKey: .compoundCount)
    }
}

extension Theme: Decodable {
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        month = try container.decode(String.self, forKey: .month)
        scopeAreaIDs = try container.decode([Int].self, forKey: .scopeAreaIDs)
        state = try container.decode(ThemeState.self, forKey: .state)
        revision = try container.decode(Int.self, forKey: .revision)
        createdBy = try container.decode(String.self, forKey: .createdBy)
        compoundCount = nil
        template = try ThemeTemplate(from: decoder)
    }
}

/// The body of `POST /v1/themes`.
struct NewTheme: Decodable, Sendable {
    var month: String
    var scopeAreaIDs: [Int]
    var template: ThemeTemplate

    private enum CodingKeys: String, CodingKey {
        case month, scopeAreaIDs, title, guidance, formats, capacity, volunteerRoles, earnsPoints, points, suggestedStart, durationMinutes, recurrence
    }

    init(from decoder: any Decoder) throws {
        let body = try decoder.container(keyedBy: CodingKeys.self)
        month = try body.decode(String.self, forKey: .month)
        scopeAreaIDs = try body.decode([Int].self, forKey: .scopeAreaIDs)
        template = ThemeTemplate(
            title: try body.decode(String.self, forKey: .title),
            guidance: try body.value(String.self, forKey: .guidance, default: ""),
            formats: try body.value([String].self, forKey: .formats, default: []),
            capacity: try body.decodeIfPresent(Int.self, forKey: .capacity),
            volunteerRoles: try body.value([String].self, forKey: .volunteerRoles, default: []),
            earnsPoints: try body.value(Bool.self, forKey: .earnsPoints, default: false),
            points: try body.value(Int.self, forKey: .points, default: 0),
            suggestedStart: try body.decodeIfPresent(String.self, forKey: .suggestedStart),
            durationMinutes: try body.value(Int.self, forKey: .durationMinutes, default: 120),
            recurrence: try body.decodeIfPresent(String.self, forKey: .recurrence)?.nilIfEmpty
        )
    }

    func problems() -> [Refusal.Field] {
        var problems: [Refusal.Field] = []
        if month.range(of: #"^[0-9]{4}-(0[1-9]|1[0-2])$"#, options: .regularExpression) == nil {
            problems.append(.init(field: "month", message: "must be YYYY-MM"))
        }
        if scopeAreaIDs.isEmpty || scopeAreaIDs.count > 100 { problems.append(.init(field: "scopeAreaIDs", message: "give 1 to 100 areas")) }
        return problems + template.problems(month: month)
    }
}

/// The body of `PATCH /v1/themes/{id}`: template fields; `null` clears an optional one.
struct ThemePatch: Decodable, Sendable {
    private enum CodingKeys: String, CodingKey {
        case title, guidance, formats, capacity, volunteerRoles, earnsPoints, points, suggestedStart, durationMinutes, recurrence
    }

    var title: FieldChange<String> = .keep
    var guidance: FieldChange<String> = .keep
    var formats: FieldChange<[String]> = .keep
    var capacity: FieldChange<Int> = .keep
    var volunteerRoles: FieldChange<[String]> = .keep
    var earnsPoints: FieldChange<Bool> = .keep
    var points: FieldChange<Int> = .keep
    var suggestedStart: FieldChange<String> = .keep
    var durationMinutes: FieldChange<Int> = .keep
    var recurrence: FieldChange<String> = .keep

    init(from decoder: any Decoder) throws {
        let body = try decoder.container(keyedBy: CodingKeys.self)
        title = try body.change(String.self, forKey: .title)
        guidance = try body.change(String.self, forKey: .guidance)
        formats = try body.change([String].self, forKey: .formats)
        capacity = try body.change(Int.self, forKey: .capacity)
        volunteerRoles = try body.change([String].self, forKey: .volunteerRoles)
        earnsPoints = try body.change(Bool.self, forKey: .earnsPoints)
        points = try body.change(Int.self, forKey: .points)
        suggestedStart = try body.change(String.self, forKey: .suggestedStart)
        durationMinutes = try body.change(Int.self, forKey: .durationMinutes)
        recurrence = try body.change(String.self, forKey: .recurrence)
    }

    func applied(to current: ThemeTemplate) -> ThemeTemplate {
        var template = current
        template.title = title.applied(to: current.title) ?? current.title
        template.guidance = guidance.applied(to: current.guidance) ?? ""
        template.formats = formats.applied(to: current.formats) ?? []
        template.capacity = capacity.applied(to: current.capacity)
        template.volunteerRoles = volunteerRoles.applied(to: current.volunteerRoles) ?? []
        template.earnsPoints = earnsPoints.applied(to: current.earnsPoints) ?? false
        template.points = points.applied(to: current.points) ?? 0
        template.suggestedStart = suggestedStart.applied(to: current.suggestedStart)
        template.durationMinutes = durationMinutes.applied(to: current.durationMinutes) ?? current.durationMinutes
        template.recurrence = recurrence.applied(to: current.recurrence)?.nilIfEmpty
        return template
    }
}
