import Foundation
import Hummingbird
import JobQueue
import LinliTestSupport
import Models
import Postgres
import ServiceKit
import Testing

@testable import CalendarService

@Suite("Reminders on the notifications queue at T−24 h and T−2 h")
struct ReminderTests {
    struct Reminder: Sendable, Equatable {
        let key: String
        let runAt: Date
        let lead: String
        let title: String
    }

    func waiting(_ env: CalendarTestEnvironment) async throws -> [Reminder] {
        let rows = try await env.pool.query(
            """
            SELECT unique_key, run_at, payload->>'leadTime' AS lead, payload->'activity'->>'title' AS title
            FROM queue.jobs WHERE queue = 'notifications' AND kind = 'notifications.activity-reminder' ORDER BY run_at
            """
        )
        return try rows.map {
            Reminder(key: try $0.decode("unique_key"), runAt: try $0.decode("run_at"), lead: try $0.decode("lead"), title: try $0.decode("title"))
        }
    }

    @Test func publishingSchedulesBothRemindersAndChangesRescheduleThemWithoutDoubling() async throws {
        let env = try await CalendarTestEnvironment.make()
        let start = Local.at(days: 3, hour: 9)
        let activity = try await env.published("包粽子", start: start)
        var reminders = try await waiting(env)
        #expect(reminders.map(\.lead) == ["24h", "2h"])
        #expect(reminders.map(\.runAt) == [Local.instant(start).addingTimeInterval(-86_400), Local.instant(start).addingTimeInterval(-7_200)])
        #expect(reminders.allSatisfy { $0.title == "包粽子" && $0.key.hasPrefix("calendar.reminder:") })
        // A new time and title: the waiting reminders are replaced, not added to.
        let later = Local.at(days: 4, hour: 15)
        _ = try await env.send(.patch, "/v1/activities/\(activity.id)", #"{"start":"\#(later)","title":"包粽子（改期）"}"#, as: City.secretary)
        reminders = try await waiting(env)
        #expect(reminders.count == 2)
        #expect(reminders.map(\.runAt) == [Local.instant(later).addingTimeInterval(-86_400), Local.instant(later).addingTimeInterval(-7_200)])
        #expect(reminders.allSatisfy { $0.title == "包粽子（改期）" })
        #expect(try await env.count("SELECT count(*) FROM queue.finished WHERE queue = 'notifications' AND state = 'cancelled'") == 2)
        // The hourly upkeep finds nothing to add.
        let upkeep = try await env.service.jobs.withTransaction { tx, outbox in
            try CalendarMaintenance(service: env.service).run(outbox: outbox, on: tx)
        }
        #expect(upkeep.reminded == 0)
        #expect(try await waiting(env).count == 2)
        // Cancelling withdraws them.
        _ = try await env.send(.post, "/v1/activities/\(activity.id)/cancel", as: City.secretary)
        #expect(try await waiting(env).isEmpty)
    }

    @Test func occurrencesBeyondTheHorizonGetRemindersWhenTheyComeWithinIt() async throws {
        let env = try await CalendarTestEnvironment.make()
        let start = Local.at(days: 20, hour: 9)
        _ = try await env.published(start: start, extra: #""recurrence":"FREQ=DAILY;COUNT=2""#)
        #expect(try await waiting(env).isEmpty)
        // Eight days later, the hourly upkeep schedules both occurrences' reminders, once however often it runs.
        let weekLater = env.at { Date().addingTimeInterval(8 * 86_400) }
        for _ in 0..<2 {
            _ = try await weekLater.service.jobs.withTransaction { tx, outbox in
                try CalendarMaintenance(service: weekLater.service).run(outbox: outbox, on: tx)
            }
        }
        let reminders = try await waiting(env)
        #expect(reminders.count == 4)
        #expect(Set(reminders.map(\.key)).count == 4)
        // An occurrence starting in an hour gets only what is still ahead: no T−24 h, no T−2 h.
        _ = try await env.published(start: Local.text(Date().addingTimeInterval(3_600)))
        #expect(try await waiting(env).count == 4)
    }

    @Test func theMaintenanceJobRunsOnTheCalendarQueueAndRestoresMissingReminders() async throws {
        let env = try await CalendarTestEnvironment.make()
        _ = try await env.published(start: Local.at(days: 3, hour: 9))
        // Reminders lost (say, cancelled by an operator): the occurrence no longer counts as reminded.
        try await env.pool.execute("DELETE FROM queue.jobs WHERE queue = 'notifications'")
        try await env.pool.execute("UPDATE calendar.occurrences SET reminded_for = NULL")
        try await env.running {
            try await env.runtime.jobs.enqueue(CalendarMaintenanceJob(slot: Date()), JobOptions(queue: "calendar"))
            try await waitUntil("the maintenance job") {
                try await env.count("SELECT count(*) FROM queue.finished WHERE kind = 'calendar.maintain' AND state = 'completed'") >= 1
            }
        }
        #expect(try await waiting(env).map(\.lead) == ["24h", "2h"])
    }
}
