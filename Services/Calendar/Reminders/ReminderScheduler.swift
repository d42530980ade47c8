import Foundation
import JobQueue
import Models
import Postgres

/// Puts `ActivityReminder` jobs on the notifications queue at T−24 h and T−2 h of each occurrence.
///
/// Each reminder has a unique key per occurrence and lead time, so scheduling again never doubles it;
/// a change cancels the waiting reminders of the occurrences it touches and schedules them anew for
/// the new time and text. Only occurrences within the reminder horizon get reminders now; the hourly
/// maintenance schedules the rest as they come within it.
struct ReminderScheduler {
    /// The lead times, and the names the notifications service knows them by.
    static let leads: [(name: String, seconds: TimeInterval)] = [("24h", 86_400), ("2h", 7_200)]

    let now: Date
    let horizon: TimeInterval

    static func key(occurrenceID: Int, lead: String) -> String { "calendar.reminder:\(occurrenceID):\(lead)" }

    static func keys(_ occurrenceIDs: [Int]) -> [String] {
        occurrenceIDs.flatMap { id in leads.map { key(occurrenceID: id, lead: $0.name) } }
    }

    /// Replaces the reminders of these occurrences: cancels what waits, schedules what is due within the horizon.
    /// - Parameter summary: `nil` when the activity no longer takes place (only cancels).
    func refresh(_ occurrences: [OccurrenceRecord], summary: ActivitySummary?, outbox: JobOutbox, on tx: isolated PostgresConnection) throws {
        guard !occurrences.isEmpty else { return }
        try outbox.cancel(uniqueKeys: Self.keys(occurrences.map(\.id)), on: tx)
        var jobs: [NewJob] = []
        var reminded: [(Int, Date?)] = []
        for occurrence in occurrences {
            guard let summary, !occurrence.cancelled, occurrence.startsAt > now, occurrence.startsAt <= now.addingTimeInterval(horizon) else {
                reminded.append((occurrence.id, nil))
                continue
            }
            for lead in Self.leads {
                let runAt = occurrence.startsAt.addingTimeInterval(-lead.seconds)
                guard runAt > now else { continue }
                let reminder = ActivityReminder(activity: summary, occurrenceStart: occurrence.startsAt, leadTime: lead.name)
                let options = JobOptions(queue: "notifications", runAt: runAt, uniqueKey: Self.key(occurrenceID: occurrence.id, lead: lead.name))
                jobs.append(try NewJob(reminder, options: options))
            }
            reminded.append((occurrence.id, occurrence.startsAt))
        }
        try outbox.enqueue(jobs, on: tx)
        try OccurrenceStore.setReminded(reminded.map(\.0), at: reminded.map(\.1), on: tx)
    }
}
