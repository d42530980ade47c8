import CalendarCore
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// `/v1/activities/{id}/occurrences…`: the expanded occurrences, and changes to one or to it and the following.
struct OccurrenceRoutes {
    let service: CalendarService

    /// The longest window one listing may expand.
    static let longestWindow: TimeInterval = 400 * 86_400

    func add(to router: Router<LinliRequestContext>) {
        router.get("/v1/activities/{id}/occurrences") { request, context in try await list(request, context) }
        router.patch("/v1/activities/{id}/occurrences/{start}") { request, context in
            let patch = try await request.decodeBody(OccurrencePatch.self, context: context)
            let record = try await OccurrenceEditor(service: service).change(
                try context.parameters.require("id", as: Int.self),
                try context.parameters.require("start"),
                patch,
                by: try context.caller()
            )
            return ActivityView(record: record, link: service.link(activityID: record.id))
        }
        router.post("/v1/activities/{id}/occurrences/{start}/cancel") { request, context in
            let body = try await request.decodeBodyIfPresent(CancelBody.self, context: context, default: CancelBody())
            let record = try await OccurrenceEditor(service: service).cancel(
                try context.parameters.require("id", as: Int.self),
                try context.parameters.require("start"),
                reason: body.reason,
                by: try context.caller()
            )
            return ActivityView(record: record, link: service.link(activityID: record.id))
        }
    }

    /// `?from=&to=` (ISO 8601 dates or instants; by default the next 60 days), at most 400 days.
    private func list(_ request: Request, _ context: LinliRequestContext) async throws -> OccurrenceList {
        let caller = try context.caller()
        let id = try context.parameters.require("id", as: Int.self)
        let now = service.clock.now()
        let query = request.uri.queryParameters
        let from = try query["from"].map { try Self.instant(String($0), "from") } ?? now
        let to = try query["to"].map { try Self.instant(String($0), "to") } ?? from.addingTimeInterval(60 * 86_400)
        guard from < to, to.timeIntervalSince(from) <= Self.longestWindow else {
            throw APIError.invalid("to", "must be after from, at most 400 days later")
        }
        return try await service.pool.withConnection { tx in
            let activity = try caller.access.readable(try ActivityStore.load(id, on: tx), now: now, on: tx)
            let overrides = try OverrideStore.overrides(of: [id], on: tx)[id] ?? []
            guard let series = try ActivitySeries.make(activity, overrides: overrides, link: service.link(activityID: id)) else {
                return OccurrenceList(activityID: id, from: from, to: to, items: [])
            }
            let occurrences: [EventOccurrence]
            do {
                occurrences = try series.occurrences(in: from..<to, limit: 5_000)
            } catch {
                throw APIError.invalid("to", "the window holds too many occurrences; ask for a shorter one")
            }
            let stored = try tx.query(
                """
                SELECT \(unescaped: OccurrenceRecord.columns) FROM calendar.occurrences
                WHERE activity_id = \(id) AND recurrence_id = ANY (\(occurrences.map(\.recurrenceID.description)))
                """
            ).decode(OccurrenceRecord.self)
            let byKey = Dictionary(stored.map { ($0.recurrenceID, $0) }, uniquingKeysWith: { first, _ in first })
            let counts = try RegistrationStore.counts(stored.map(\.id), on: tx)
            let zone = ActivitySeries.timeZone(of: activity)
            let items = occurrences.map { occurrence in
                let row = byKey[occurrence.recurrenceID.description]
                return OccurrenceView(occurrence, timeZone: zone, stored: row, counts: row.flatMap { counts[$0.id] })
            }
            return OccurrenceList(activityID: id, from: from, to: to, items: items)
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
