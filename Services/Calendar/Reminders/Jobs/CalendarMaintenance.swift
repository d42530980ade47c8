import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// The calendar's hourly upkeep, as a job on its own queue.
struct CalendarMaintenanceJob: JobPayload, Equatable {
    static let kind = "calendar.maintain"
    /// The slot it was scheduled for.
    var slot: Date
}

/// Every hour: materialises the occurrences that came within the horizon (series without an end), and
/// schedules the reminders of occurrences that came within the reminder horizon. Both are idempotent,
/// and any number of replicas run each slot once.
struct CalendarMaintenance {
    let service: CalendarService
    /// Activities brought up to date per run, so one run stays short.
    static let batch = 200

    func register(on worker: JobWorker) {
        guard let schedule = try? CronSchedule("7 * * * *") else { return }
        worker.schedule(
            PeriodicJob(name: "calendar.maintain", schedule: schedule, options: JobOptions(queue: "calendar")) { slot in
                CalendarMaintenanceJob(slot: slot)
            }
        )
        worker.registerTransactional(CalendarMaintenanceJob.self) { _, _, tx, outbox in
            try run(outbox: outbox, on: tx)
        }
    }

    /// One run; returns how many activities were extended and how many occurrences got reminders.
    @discardableResult
    func run(outbox: JobOutbox, on tx: isolated PostgresConnection) throws -> (extended: Int, reminded: Int) {
        let now = service.clock.now()
        let configuration = service.configuration
        let horizon = now.addingTimeInterval(Double(configuration.horizonDays) * 86_400)
        let stale = try ActivityStore.stale(before: horizon.addingTimeInterval(-86_400), limit: Self.batch, on: tx)
        let overrides = try OverrideStore.overrides(of: stale.map(\.id), on: tx)
        for record in stale {
            let link = service.link(activityID: record.id)
            guard let series = try ActivitySeries.make(record, overrides: overrides[record.id] ?? [], link: link) else { continue }
            _ = try OccurrenceSync(activity: record, series: series).run(from: now, until: horizon, on: tx)
        }
        let reminderHorizon = Double(configuration.reminderHorizonDays) * 86_400
        let due = try OccurrenceStore.needingReminders(now: now, until: now.addingTimeInterval(reminderHorizon), on: tx)
        let byActivity = Dictionary(grouping: due, by: \.activityID)
        let scheduler = ReminderScheduler(now: now, horizon: reminderHorizon)
        for (activityID, occurrences) in byActivity {
            guard let record = try ActivityStore.load(activityID, on: tx) else { continue }
            let overrides = try OverrideStore.overrides(of: [activityID], on: tx)[activityID] ?? []
            let link = service.link(activityID: activityID)
            let series = try ActivitySeries.make(record, overrides: overrides, link: link)
            try scheduler.refresh(occurrences, summary: ActivityEvents.summary(record, series: series, link: link), outbox: outbox, on: tx)
        }
        return (stale.count, due.count)
    }
}
