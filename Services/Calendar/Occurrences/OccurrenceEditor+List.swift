import CalendarCore
import Foundation
import Postgres
import ServiceKit

extension OccurrenceEditor {
    /// The longest window one listing may expand.
    static let longestWindow: TimeInterval = 400 * 86_400

    /// The occurrences of an activity the caller may read over `from..<to` (by default the next 60 days
    /// from now), overrides applied, with seats and sign-ups where materialised; at most 400 days.
    func occurrences(_ activityID: Int, from: Date?, to: Date?, by caller: Caller) async throws -> OccurrenceList {
        let now = service.clock.now()
        let from = from ?? now
        let to = to ?? from.addingTimeInterval(60 * 86_400)
        guard from < to, to.timeIntervalSince(from) <= Self.longestWindow else {
            throw Refusal.invalid("to", "must be after from, at most 400 days later")
        }
        return try await service.pool.withConnection { tx in
            let activity = try caller.access.readable(try ActivityStore.load(activityID, on: tx), now: now, on: tx)
            let overrides = try OverrideStore.overrides(of: [activityID], on: tx)[activityID] ?? []
            guard let series = try ActivitySeries.make(activity, overrides: overrides, link: service.link(activityID: activityID)) else {
                return OccurrenceList(activityID: activityID, from: from, to: to, items: [])
            }
            let occurrences: [EventOccurrence]
            do {
                occurrences = try series.occurrences(in: from..<to, limit: 5_000)
            } catch {
                throw Refusal.invalid("to", "the window holds too many occurrences; ask for a shorter one")
            }
            let stored = try OccurrenceStore.find(
                activityID: activityID,
                recurrenceIDs: occurrences.map(\.recurrenceID.description),
                on: tx
            )
            let byKey = Dictionary(stored.map { ($0.recurrenceID, $0) }, uniquingKeysWith: { first, _ in first })
            let counts = try RegistrationStore.counts(stored.map(\.id), on: tx)
            let zone = ActivitySeries.timeZone(of: activity)
            let items = occurrences.map { occurrence in
                let row = byKey[occurrence.recurrenceID.description]
                return OccurrenceView(occurrence, timeZone: zone, stored: row, counts: row.flatMap { counts[$0.id] })
            }
            return OccurrenceList(activityID: activityID, from: from, to: to, items: items)
        }
    }
}
