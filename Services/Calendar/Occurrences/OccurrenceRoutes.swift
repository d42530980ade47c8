import CalendarCore
import Foundation
import Hummingbird
import ServiceKit

/// `/v1/activities/{id}/occurrences…`: the expanded occurrences, and changes to one or to it and the following.
struct OccurrenceRoutes {
    let service: CalendarService

    var editor: OccurrenceEditor { OccurrenceEditor(service: service) }

    func add(to router: Router<LinliRequestContext>) {
        // `?from=&to=`: ISO 8601 dates or instants.
        router.get("/v1/activities/{id}/occurrences") { request, context in
            let caller = try context.caller()
            let id = try context.parameters.require("id", as: Int.self)
            let query = request.uri.queryParameters
            let from = try query["from"].map { try Self.instant(String($0), "from") }
            let to = try query["to"].map { try Self.instant(String($0), "to") }
            return try await editor.occurrences(id, from: from, to: to, by: caller)
        }
        router.patch("/v1/activities/{id}/occurrences/{start}") { request, context in
            let patch = try await request.decodeBody(OccurrencePatch.self, context: context)
            let record = try await editor.change(
                try context.parameters.require("id", as: Int.self),
                try context.parameters.require("start"),
                patch,
                by: try context.caller()
            )
            return ActivityView(record: record, link: service.link(activityID: record.id))
        }
        router.post("/v1/activities/{id}/occurrences/{start}/cancel") { request, context in
            let body = try await request.decodeBodyIfPresent(CancelBody.self, context: context, default: CancelBody())
            let record = try await editor.cancel(
                try context.parameters.require("id", as: Int.self),
                try context.parameters.require("start"),
                reason: body.reason,
                by: try context.caller()
            )
            return ActivityView(record: record, link: service.link(activityID: record.id))
        }
    }

    /// `2025-03-01` (midnight in Shanghai) or a full ISO 8601 instant.
    static func instant(_ text: String, _ name: String) throws -> Date {
        if DateParameter.namesImpossibleDay(text) { throw APIError.invalid(name, "names a day that does not exist") }
        if let local = LocalDateTime(text: text + "T00:00:00") { return local.instant(in: RecurrenceSet.defaultTimeZone) }
        if let date = DateParameter.instant(text) { return date }
        throw APIError.invalid(name, "must be a date (2025-03-01) or an ISO 8601 instant")
    }
}
