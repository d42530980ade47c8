import CalendarCore
import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// Changes or cancels one occurrence of a published activity, or it and every later one.
struct OccurrenceEditor {
    let service: CalendarService

    var editor: ActivityEditor { ActivityEditor(service: service) }

    /// What an occurrence change works on: the locked activity, its series, and the occurrence as it stands.
    struct Target {
        let activity: ActivityRecord
        let series: EventSeries
        let recurrenceID: LocalDateTime
        let occurrence: OccurrenceRecord
    }

    func target(_ activityID: Int, _ start: String, caller: Caller, now: Date, on tx: isolated PostgresConnection) throws -> Target {
        let activity = try caller.access.managed(try ActivityStore.load(activityID, lock: .update, on: tx), now: now, on: tx)
        try ActivityEditor.requireChangeable(activity)
        guard activity.isPublished else { throw Refusal.conflict("publish the activity before changing its occurrences", code: "not-published") }
        let recurrenceID = try OccurrenceKey.local(start)
        let overrides = try OverrideStore.overrides(of: [activityID], on: tx)[activityID] ?? []
        let series = try ActivitySeries.require(activity, overrides: overrides, link: service.link(activityID: activityID))
        guard try series.recurrence.contains(recurrenceID),
            let occurrence = try OccurrenceStore.find(activityID: activityID, recurrenceID: recurrenceID.description, on: tx)
        else { throw Refusal.notFound("occurrence") }
        guard occurrence.startsAt > now else { throw Refusal.conflict("the occurrence has already started", code: "occurrence-started") }
        return Target(activity: activity, series: series, recurrenceID: recurrenceID, occurrence: occurrence)
    }

    /// Changes one occurrence (an override with a higher SEQUENCE), or splits the series for `following`.
    func change(_ activityID: Int, _ start: String, _ patch: OccurrencePatch, by caller: Caller) async throws -> ActivityRecord {
        let problems = patch.problems()
        guard problems.isEmpty else { throw Refusal.invalid(problems) }
        let now = service.clock.now()
        return try await service.jobs.withTransaction { tx, outbox in
            let target = try target(activityID, start, caller: caller, now: now, on: tx)
            if patch.scope == .following {
                return try split(target, patch, caller: caller, now: now, outbox: outbox, on: tx)
            }
            let before = target.series.overrides[target.recurrenceID]
            var override = patch.applied(to: before ?? OccurrenceOverride(recurrenceID: target.recurrenceID))
            override.sequence = max(before?.sequence ?? 0, target.series.sequence) + 1
            let changes = ActivityEvents.changes(from: before, to: override, series: target.series)
            try OverrideStore.save(OverrideRecord(activityID: activityID, override, reason: nil), on: tx)
            var next = target.activity
            next.revision += 1
            let venue = try VenueRules.resolve(next.fields, compoundID: next.compoundID, areaPath: next.areaPath, on: tx).venue
            return try editor.commit(next, firstPublication: false, venue: venue, caller: caller, now: now, outbox: outbox, on: tx) {
                summary,
                saved in
                ActivityChanged(activity: summary, changes: changes, occurrenceStart: target.occurrence.startsAt, revision: saved.revision)
            }
        }
    }

    /// Cancels one occurrence: it stays in feeds with STATUS:CANCELLED; its registrations stay on record.
    func cancel(_ activityID: Int, _ start: String, reason: String?, by caller: Caller) async throws -> ActivityRecord {
        if let reason, reason.count > 500 { throw Refusal.invalid("reason", "must be at most 500 characters") }
        let now = service.clock.now()
        return try await service.jobs.withTransaction { tx, outbox in
            let target = try target(activityID, start, caller: caller, now: now, on: tx)
            guard !target.occurrence.cancelled else { return target.activity }
            let cancelled = target.series.cancelling(
                occurrenceAt: target.recurrenceID,
                sequence: max(target.series.overrides[target.recurrenceID]?.sequence ?? 0, target.series.sequence) + 1
            )
            guard let override = cancelled.overrides[target.recurrenceID] else { return target.activity }
            try OverrideStore.save(OverrideRecord(activityID: activityID, override, reason: reason), on: tx)
            var next = target.activity
            next.revision += 1
            return try editor.commit(next, firstPublication: false, venue: nil, caller: caller, now: now, outbox: outbox, on: tx) { summary, saved in
                ActivityCancelled(activity: summary, occurrenceStart: target.occurrence.startsAt, reason: reason, revision: saved.revision)
            }
        }
    }
}
