import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit
import Testing

@testable import NotificationsService

@Suite("Quiet hours defer pushes, never drop them; urgent kinds go at once")
struct QuietHoursTests {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    static func date(_ text: String) -> Date { try! Date(text + "+08:00", strategy: .iso8601) }

    @Test func theDefaultWindowCrossesMidnight() throws {
        let quiet = QuietHours.default
        #expect(quiet.deferral(for: Self.date("2025-12-06T23:10:00")) == Self.date("2025-12-07T07:30:00"))
        #expect(quiet.deferral(for: Self.date("2025-12-07T06:59:00")) == Self.date("2025-12-07T07:30:00"))
        #expect(quiet.deferral(for: Self.date("2025-12-07T22:00:00")) == Self.date("2025-12-08T07:30:00"))
        #expect(quiet.deferral(for: Self.date("2025-12-07T07:30:00")) == nil)
        #expect(quiet.deferral(for: Self.date("2025-12-07T21:59:59")) == nil)
        let noon = try #require(QuietHours("12:00-14:00", timeZone: Self.shanghai))
        #expect(noon.deferral(for: Self.date("2025-12-07T13:00:00")) == Self.date("2025-12-07T14:00:00"))
        #expect(noon.deferral(for: Self.date("2025-12-07T14:00:00")) == nil)
        #expect(QuietHours("25:00-07:00", timeZone: Self.shanghai) == nil)
        #expect(QuietHours("off", timeZone: Self.shanghai)?.deferral(for: Date()) == nil)
    }

    /// Quiet hours set to the two hours around now: a robot message waits for their end, an urgent one does not.
    @Test func aPushInQuietHoursWaitsForTheirEndAndAnUrgentOneDoesNot() async throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.shanghai
        let parts = calendar.dateComponents([.hour, .minute], from: Date())
        let minute = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        let (start, end) = ((minute + 1_440 - 60) % 1_440, (minute + 60) % 1_440)
        let window = String(format: "%02d:%02d-%02d:%02d", start / 60, start % 60, end / 60, end % 60)
        let env = try await NotificationsTestEnvironment.make(settings: ["LINLI_NOTIFICATIONS_QUIET_HOURS": window])
        let robot = try await FakeHTTPServer.start()
        let expectedEnd = try #require(env.service.configuration.quietHours.deferral(for: Date()))
        try await env.withWorker {
            try await env.seedCompound(7, name: "枫林小区", residents: [501, 502], chatID: 17, robot: robot.robotURL(key: "quiet"))
            try await env.publish([ActivityPublished(activity: NotificationsTestEnvironment.activity(12, compound: 7), revision: 1)])
            try await env.publish([
                ActivityCancelled(
                    activity: NotificationsTestEnvironment.activity(13, compound: 7),
                    occurrenceStart: nil,
                    reason: nil,
                    revision: 2
                )
            ])
            try await env.waitUntil("the urgent message reached the robot") { robot.received.count == 1 }
            try await env.waitUntilIdle()
        }
        // Only the cancellation went; the publication's inbox rows exist, its robot message waits.
        #expect(robot.received.count == 1)
        #expect(String(decoding: robot.received[0].body, as: UTF8.self).contains("取消"))
        #expect(try await env.count("SELECT count(*) FROM notify.deliveries WHERE channel = 'inbox' AND status = 'sent'") == 2)
        let waiting = try await env.pool.query(
            """
            SELECT d.status, d.deferred_until, j.run_at, j.state::text AS state FROM notify.deliveries d
            JOIN queue.jobs j ON j.kind = 'notifications.deliver' AND (j.payload ->> 'deliveryID')::int8 = d.id
            JOIN notify.messages m ON m.id = d.message_id
            WHERE m.kind = 'activity.published' AND d.channel = 'wecom-robot'
            """
        )
        #expect(waiting.count == 1)
        let row = try #require(waiting.first)
        #expect(try row.decode(0, as: String.self) == "pending")
        #expect(try row.decode(1, as: Date.self) == expectedEnd)
        #expect(try row.decode(2, as: Date.self) == expectedEnd)
        #expect(try row.decode(3, as: String.self) == "scheduled")
        await robot.stop()
    }

    /// The service's clock stands in quiet hours: the robot message is held; once the clock passes
    /// their end, the same delivery goes.
    @Test func aPushHeldInQuietHoursGoesOnceTheClockPassesTheirEnd() async throws {
        let clock = SettableClock(Self.date("2025-12-06T23:10:00"))
        let env = try await NotificationsTestEnvironment.make(settings: ["LINLI_NOTIFICATIONS_QUIET_HOURS": "22:00-07:30"], clock: clock.clock)
        let robot = try await FakeHTTPServer.start()
        let job: SQL = """
            SELECT j.id FROM queue.jobs j JOIN notify.deliveries d ON (j.payload ->> 'deliveryID')::int8 = d.id
            WHERE j.kind = 'notifications.deliver' AND d.channel = 'wecom-robot' AND j.run_at > now() + interval '8 hours'
            """
        try await env.withWorker {
            try await env.seedCompound(7, name: "枫林小区", residents: [501], chatID: 17, robot: robot.robotURL(key: "clock"))
            try await env.publish([ActivityPublished(activity: NotificationsTestEnvironment.activity(12, compound: 7), revision: 1)])
            // Deferred to 07:30 on the 7th (long past for the database), the job runs at once, finds the
            // service's clock still at 23:10 and waits the 8 h 20 min to the end of quiet hours.
            try await env.waitUntil("the robot message is held") { try await env.pool.query(job).count == 1 }
            #expect(robot.received.isEmpty)
            #expect(try await env.count("SELECT count(*) FROM notify.deliveries WHERE channel = 'wecom-robot' AND status = 'pending'") == 1)

            clock.set(Self.date("2025-12-07T07:31:00"))
            let id = try #require(try await env.pool.query(job).column("id", as: Int.self).first)
            #expect(try await QueueAdmin(pool: env.pool, doorbell: env.runtime.doorbell).retry(id: id))
            try await env.waitUntil("the robot message reached the robot") { robot.received.count == 1 }
            try await env.waitUntilIdle()
        }
        #expect(try await env.count("SELECT count(*) FROM notify.deliveries WHERE channel = 'wecom-robot' AND status = 'sent'") == 1)
        await robot.stop()
    }
}
