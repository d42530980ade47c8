import CalendarCore
import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

extension ActivityEditor {
    /// Saves a published (or just cancelled) activity and everything that follows from it, in the caller's
    /// transaction: the room and opening-hours checks, the occurrences, their seats and reminders, and the event.
    /// - Parameters:
    ///   - firstPublication: materialise from the series' start, not only from now.
    ///   - event: builds the event from the summary and the saved record.
    func commit<Event: DomainEvent>(
        _ next: ActivityRecord,
        firstPublication: Bool,
        venue: Venue?,
        caller: Caller?,
        now: Date,
        outbox: JobOutbox,
        on tx: isolated PostgresConnection,
        event: (ActivitySummary, ActivityRecord) -> Event
    ) throws -> ActivityRecord {
        let overrides = try OverrideStore.overrides(of: [next.id], on: tx)[next.id] ?? []
        let link = service.link(activityID: next.id)
        let series = try ActivitySeries.require(next, overrides: overrides, link: link)
        let zone = ActivitySeries.timeZone(of: next)
        let from = firstPublication ? min(series.recurrence.start.instant(in: zone), now) : now
        let until = now.addingTimeInterval(TimeInterval(service.configuration.horizonDays) * 86_400)
        let sync = OccurrenceSync(activity: next, series: series)
        if next.isPublished {
            let upcoming = try sync.expected(from: from, until: until).filter { $0.startsAt >= now }
            try VenueRules.checkOpeningHours(venue, occurrences: upcoming, timeZone: zone)
            try VenueRules.checkClashes(roomID: next.fields.roomID, occurrences: upcoming, excluding: [next.id], timeZone: zone, on: tx)
        }
        let saved = try ActivityStore.save(next, on: tx)
        let outcome = try sync.run(from: from, until: until, on: tx)
        for (before, after) in outcome.resized { try SeatAllocator.resize(before, to: after, caller: caller, outbox: outbox, now: now, on: tx) }
        let summary = ActivityEvents.summary(saved, series: series, link: link)
        let reminders = ReminderScheduler(now: now, horizon: TimeInterval(service.configuration.reminderHorizonDays) * 86_400)
        try reminders.refresh(outcome.current + outcome.removed, summary: saved.isPublished ? summary : nil, outbox: outbox, on: tx)
        try outbox.publish(event(summary, saved), correlationID: caller?.requestID, on: tx)
        return saved
    }
}
