import CalendarCore
import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// Publishes each four-party council meeting the concerns service schedules as an activity in the
/// compound's calendar (the concerns service never calls the calendar: it publishes, the calendar listens).
struct CouncilMeetings {
    let service: CalendarService

    func register(on worker: JobWorker) {
        worker.subscribe(CouncilMeetingScheduled.self) { event, _, tx, outbox in
            try apply(event, outbox: outbox, on: tx)
        }
    }

    /// Creates the meeting's activity, or changes it when a newer revision of the meeting arrives.
    func apply(_ event: CouncilMeetingScheduled, outbox: JobOutbox, on tx: isolated PostgresConnection) throws {
        let now = service.clock.now()
        let zone = RecurrenceSet.defaultTimeZone
        guard let start = LocalDateTime(event.startsAt, in: zone) else { return }
        let minutes = max(1, min(10_080, Int(event.endsAt.timeIntervalSince(event.startsAt) / 60)))
        let agenda = event.agenda.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")
        let fields = ActivityFields(
            title: String(event.title.prefix(100)),
            notes: agenda.isEmpty ? "" : "议程：\n\(agenda)",
            formats: ["四方议事会"],
            location: event.venue.map { String($0.prefix(200)) },
            start: start.description,
            durationMinutes: minutes
        )
        let editor = ActivityEditor(service: service)
        let existing = try ActivityStore.load(councilMeeting: event.meetingID, lock: .update, on: tx)
        guard let existing else {
            let draft = try ActivityStore.insert(
                ActivityInsert(
                    compoundID: event.compoundID,
                    areaPath: event.areaPath,
                    kind: .councilMeeting,
                    councilMeetingID: event.meetingID,
                    councilRevision: event.revision,
                    fields: fields,
                    createdBy: "concerns:council:\(event.councilID)"
                ),
                on: tx
            )
            var next = draft
            next.state = .published
            next.revision = 1
            _ = try editor.commit(next, firstPublication: true, venue: nil, caller: nil, now: now, outbox: outbox, on: tx) { summary, saved in
                ActivityPublished(activity: summary, revision: saved.revision)
            }
            return
        }
        guard (existing.councilRevision ?? 0) < event.revision, existing.state == .published else { return }
        var next = existing
        next.fields = fields
        next.councilRevision = event.revision
        guard next.fields != existing.fields else {
            try ActivityStore.save(next, on: tx)
            return
        }
        next.sequence += 1
        next.revision += 1
        let changes = ActivityEvents.changes(from: existing, to: next)
        _ = try editor.commit(next, firstPublication: false, venue: nil, caller: nil, now: now, outbox: outbox, on: tx) { summary, saved in
            ActivityChanged(activity: summary, changes: changes, occurrenceStart: nil, revision: saved.revision)
        }
    }
}
