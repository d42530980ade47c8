import CalendarCore
import Foundation
import ServiceKit

/// The body of `PATCH /v1/activities/{id}/occurrences/{start}`: a change to one occurrence (`scope: this`,
/// the default) or to it and every later one (`scope: following`, which splits the series).
struct OccurrencePatch: Decodable, Sendable {
    /// The scope as sent: read as text so an unknown one is refused by `problems()` with its own message.
    var scopeText: String?
    /// A new local start for this occurrence (or, with `following`, for the new series).
    var start: String?
    var durationMinutes: Int?
    var title: String?
    var location: String?
    var capacity: Int?

    private enum CodingKeys: String, CodingKey {
        case scopeText = "scope"
        case start, durationMinutes, title, location, capacity
    }

    /// What the change reaches; `this` when not given (or not one, which `problems()` refuses).
    var scope: OccurrenceScope { scopeText.flatMap(OccurrenceScope.init(rawValue:)) ?? .this }

    func problems() -> [Refusal.Field] {
        var problems: [Refusal.Field] = []
        if let scopeText, OccurrenceScope(rawValue: scopeText) == nil {
            problems.append(.init(field: "scope", message: "must be this or following"))
        }
        if let start, LocalDateTime(text: start) == nil {
            problems.append(.init(field: "start", message: "must be a local date and time such as 2025-03-08T09:00:00"))
        }
        if let durationMinutes, !(1...10_080).contains(durationMinutes) {
            problems.append(.init(field: "durationMinutes", message: "must be from 1 to 10,080"))
        }
        if let title, title.trimmingCharacters(in: .whitespaces).isEmpty || title.count > 100 {
            problems.append(.init(field: "title", message: "must be 1–100 characters"))
        }
        if let location, location.count > 200 { problems.append(.init(field: "location", message: "must be at most 200 characters")) }
        if let capacity, !(1...100_000).contains(capacity) { problems.append(.init(field: "capacity", message: "must be from 1 to 100,000")) }
        if start == nil, durationMinutes == nil, title == nil, location == nil, capacity == nil {
            problems.append(.init(field: "body", message: "change at least one of start, durationMinutes, title, location, capacity"))
        }
        return problems
    }

    /// The override after this change.
    func applied(to override: OccurrenceOverride) -> OccurrenceOverride {
        var changed = override
        if let start { changed.start = LocalDateTime(text: start) }
        if let durationMinutes { changed.duration = .seconds(durationMinutes * 60) }
        if let title { changed.title = title.trimmingCharacters(in: .whitespaces) }
        if let location { changed.location = location }
        if let capacity { changed.capacity = capacity }
        return changed
    }

    /// The series' fields after this change, for the series that follows a split.
    func applied(to fields: ActivityFields) -> ActivityFields {
        var changed = fields
        if let start { changed.start = LocalDateTime(text: start)?.description }
        if let durationMinutes { changed.durationMinutes = durationMinutes }
        if let title { changed.title = title.trimmingCharacters(in: .whitespaces) }
        if let location { changed.location = location }
        if let capacity { changed.capacity = capacity }
        return changed
    }
}

extension OverrideRecord {
    /// The stored form of an override of an activity.
    init(activityID: Int, _ override: OccurrenceOverride, reason: String?) {
        self.init(
            activityID: activityID,
            recurrenceID: override.recurrenceID.description,
            start: override.start?.description,
            durationMinutes: override.duration.map { Int($0.components.seconds / 60) },
            title: override.title,
            location: override.location,
            capacity: override.capacity,
            cancelled: override.isCancelled,
            reason: reason,
            sequence: override.sequence
        )
    }
}
