import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// How a compound's copy of a theme compares with the theme as it is now.
struct ThemeDifferences: Encodable, Sendable, ResponseEncodable {
    /// One field whose template value and local value differ.
    struct Difference: Encodable, Sendable {
        /// The template's field name (`title`, `guidance`, `capacity`, …).
        var field: String
        /// The template's value now.
        var template: FieldValue
        /// The value when the draft was made.
        var copied: FieldValue
        /// The compound's value now.
        var local: FieldValue
        /// The city or district changed it since the draft was made.
        var templateChanged: Bool
        /// The compound changed it in its copy.
        var locallyChanged: Bool
    }

    var activityID: Int
    var themeID: Int
    var themeRevision: Int
    var differences: [Difference]
}

/// A value of any template field, as JSON.
enum FieldValue: Encodable, Sendable, Equatable {
    case text(String?)
    case number(Int?)
    case flag(Bool)
    case list([String])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .flag(let value): try container.encode(value)
        case .list(let value): try container.encode(value)
        }
    }
}

/// Compares a theme draft (or the activity it became) with its theme.
struct ThemeDifference {
    let service: CalendarService

    func differences(activityID: Int, by caller: Caller) async throws -> ThemeDifferences {
        let now = service.clock.now()
        return try await service.pool.withConnection { tx in
            let activity = try caller.access.managed(try ActivityStore.load(activityID, on: tx), now: now, on: tx)
            guard let themeID = activity.themeID, let theme = try ThemeStore.load(themeID, on: tx),
                let copied = try ThemeStore.themeCopy(ofActivity: activityID, on: tx)
            else { throw Refusal.notFound("theme of this activity") }
            let rows = Self.compare(template: theme.template, copied: copied, local: activity.fields)
            return ThemeDifferences(activityID: activityID, themeID: themeID, themeRevision: theme.revision, differences: rows)
        }
    }

    /// The fields where the template now, the copy, or the local value differ.
    static func compare(template: ThemeTemplate, copied: ThemeTemplate, local: ActivityFields) -> [ThemeDifferences.Difference] {
        let triples: [(String, FieldValue, FieldValue, FieldValue)] = [
            ("title", .text(template.title), .text(copied.title), .text(local.title)),
            ("guidance", .text(template.guidance), .text(copied.guidance), .text(local.notes)),
            ("formats", .list(template.formats), .list(copied.formats), .list(local.formats)),
            ("capacity", .number(template.capacity), .number(copied.capacity), .number(local.capacity)),
            ("volunteerRoles", .list(template.volunteerRoles), .list(copied.volunteerRoles), .list(local.volunteerRoles)),
            ("earnsPoints", .flag(template.earnsPoints), .flag(copied.earnsPoints), .flag(local.earnsPoints)),
            ("points", .number(template.points), .number(copied.points), .number(local.points)),
            ("suggestedStart", .text(template.suggestedStart), .text(copied.suggestedStart), .text(local.start)),
            ("durationMinutes", .number(template.durationMinutes), .number(copied.durationMinutes), .number(local.durationMinutes)),
            ("recurrence", .text(template.recurrence), .text(copied.recurrence), .text(local.recurrence)),
        ]
        return triples.filter { $0.1 != $0.3 || $0.1 != $0.2 }.map { field, now, copy, mine in
            .init(field: field, template: now, copied: copy, local: mine, templateChanged: now != copy, locallyChanged: mine != copy)
        }
    }
}
