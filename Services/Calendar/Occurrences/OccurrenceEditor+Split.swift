import CalendarCore
import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

extension OccurrenceEditor {
    /// "This and following": the series ends before the occurrence (UNTIL, SEQUENCE + 1) and a new series with
    /// a new UID starts there with the change applied. The later occurrences move to the new series with
    /// their registrations; a new start time moves its RDATEs, EXDATEs and overrides by the same amount.
    func split(
        _ target: Target,
        _ patch: OccurrencePatch,
        caller: Caller,
        now: Date,
        outbox: JobOutbox,
        on tx: isolated PostgresConnection
    ) throws
        -> ActivityRecord
    {
        let activity = target.activity
        if target.recurrenceID == target.series.recurrence.start {
            return try changeWholeSeries(target, patch, caller: caller, now: now, outbox: outbox, on: tx)
        }
        let parts: (ending: EventSeries, following: EventSeries)
        do {
            parts = try target.series.splitting(at: target.recurrenceID, newUID: "pending")
        } catch {
            throw Refusal.notFound("occurrence")
        }
        let zone = ActivitySeries.timeZone(of: activity)
        let newStart = patch.start.flatMap(LocalDateTime.init(text:)) ?? target.recurrenceID
        let shift = Int(newStart.instant(in: zone).timeIntervalSince(target.recurrenceID.instant(in: zone)))
        func shifted(_ local: LocalDateTime) -> LocalDateTime { local.adding(seconds: shift) ?? local }

        var ending = activity
        ending.fields.recurrence = parts.ending.recurrence.rule?.text
        ending.fields.rdates = parts.ending.recurrence.rdates.map(\.description)
        ending.fields.exdates = parts.ending.recurrence.exdates.map(\.description)
        ending.sequence = parts.ending.sequence
        ending.revision += 1

        var fields = patch.applied(to: activity.fields)
        fields.start = newStart.description
        fields.recurrence = parts.following.recurrence.rule?.text
        fields.rdates = parts.following.recurrence.rdates.map { shifted($0).description }
        fields.exdates = parts.following.recurrence.exdates.map { shifted($0).description }
        let problems = fields.problems(requireStart: true)
        guard problems.isEmpty else { throw Refusal.invalid(problems) }
        let venue = try VenueRules.resolve(fields, compoundID: activity.compoundID, areaPath: activity.areaPath, on: tx)
        let following = try ActivityStore.insert(
            ActivityInsert(
                compoundID: activity.compoundID,
                areaPath: activity.areaPath,
                kind: activity.kind,
                themeID: activity.themeID,
                splitFrom: activity.id,
                fields: fields,
                venueLabel: venue.label,
                state: .published,
                revision: 1,
                createdBy: caller.principal.subject
            ),
            on: tx
        )
        try OverrideStore.delete(activityID: activity.id, from: target.recurrenceID.description, on: tx)
        for override in parts.following.overrides.values {
            var moved = OverrideRecord(activityID: following.id, override, reason: nil)
            moved.recurrenceID = shifted(override.recurrenceID).description
            try OverrideStore.save(moved, on: tx)
        }
        try OccurrenceStore.move(from: activity.id, to: following.id, from: target.recurrenceID.description, on: tx)
        let change = "自\(ChineseTime.dayAndTime(target.recurrenceID))起另行安排"
        _ = try editor.commit(ending, firstPublication: false, venue: nil, caller: caller, now: now, outbox: outbox, on: tx) { summary, saved in
            ActivityChanged(activity: summary, changes: [change], occurrenceStart: target.occurrence.startsAt, revision: saved.revision)
        }
        return try editor.commit(following, firstPublication: false, venue: venue.venue, caller: caller, now: now, outbox: outbox, on: tx) {
            summary,
            saved in
            ActivityPublished(activity: summary, revision: saved.revision)
        }
    }

    /// "This and following" from the first occurrence is a change of the whole series.
    private func changeWholeSeries(
        _ target: Target,
        _ patch: OccurrencePatch,
        caller: Caller,
        now: Date,
        outbox: JobOutbox,
        on tx: isolated PostgresConnection
    )
        throws -> ActivityRecord
    {
        var next = target.activity
        next.fields = patch.applied(to: target.activity.fields)
        let problems = next.fields.problems(requireStart: true)
        guard problems.isEmpty else { throw Refusal.invalid(problems) }
        let venue = try VenueRules.resolve(next.fields, compoundID: next.compoundID, areaPath: next.areaPath, on: tx)
        next.venueLabel = venue.label
        next.sequence += 1
        next.revision += 1
        let changes = ActivityEvents.changes(from: target.activity, to: next)
        return try editor.commit(next, firstPublication: false, venue: venue.venue, caller: caller, now: now, outbox: outbox, on: tx) {
            summary,
            saved in
            ActivityChanged(activity: summary, changes: changes, occurrenceStart: nil, revision: saved.revision)
        }
    }
}
