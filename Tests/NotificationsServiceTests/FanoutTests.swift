import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit
import Testing

@testable import NotificationsService

@Suite("Messages from events: recipients, channels, exactly once")
struct FanoutTests {
    @Test func aPublishedActivityReachesEveryInboxAndTheGroupOnce() async throws {
        let env = try await NotificationsTestEnvironment.make()
        let robot = try await FakeHTTPServer.start()
        try await env.runtime.jobs.subscribe(queue: "analytics", to: [NotificationDelivered.topic])
        try await env.withWorker {
            try await env.seedCompound(1, name: "枫林小区", residents: Array(1...40), chatID: 11, robot: robot.robotURL(key: "k1"))
            try await env.seedCompound(2, name: "书香苑", residents: Array(101...105), chatID: 12, robot: nil)
            // One resident moved away and one opted out of the inbox: neither gets it.
            try await env.publish([
                ResidentMoved(residentID: 40, from: Placement(areaPath: [1, 2, 11], compoundID: 1), to: nil, movedAt: Date(), revision: 2)
            ])
            try await env.pool.execute("INSERT INTO notify.preferences (resident_id, kind, channel, enabled) VALUES (39, '*', 'inbox', false)")
            try await env.waitUntil("resident 40 left") { try await env.count("SELECT count(*) FROM notify.residents WHERE NOT active") == 1 }

            let event = ActivityPublished(activity: NotificationsTestEnvironment.activity(7, compound: 1), revision: 1)
            try await env.publish([event, ActivityPublished(activity: NotificationsTestEnvironment.activity(8, compound: 2), revision: 1)])
            try await env.waitUntil("the robot got the message") { robot.received.count == 1 }
            try await env.waitUntilIdle()

            // The same event again (a redelivery after it was consumed), and the same message made directly again.
            try await env.publish([event])
            let again = try await env.runtime.jobs.withTransaction { tx, outbox in
                try env.service.fanout.make(env.service.composer.published(event), on: tx, outbox: outbox)
            }
            #expect(again.messageID == nil)
            try await env.waitUntilIdle()
        }
        #expect(try await env.count("SELECT count(*) FROM notify.messages") == 2)
        let inbox = try await env.pool.query(
            "SELECT recipient_id FROM notify.deliveries WHERE channel = 'inbox' AND compound_id = 1 ORDER BY recipient_id"
        ).column("recipient_id", as: Int.self)
        #expect(inbox == Array(1...38))
        #expect(try await env.count("SELECT count(*) FROM notify.deliveries WHERE channel = 'inbox' AND compound_id = 2") == 5)
        // Compound 1's group has a robot: one robot message, sent, as a news card linking to the activity.
        #expect(robot.received.count == 1)
        let body = try JSONSerialization.jsonObject(with: robot.received[0].body) as? [String: Any]
        #expect(body?["msgtype"] as? String == "news")
        #expect(robot.received[0].query == "key=k1")
        #expect(try await env.count("SELECT count(*) FROM notify.deliveries WHERE channel = 'wecom-robot' AND status = 'sent' AND attempts = 1") == 1)
        // Compound 2's group has none: a copy task waits for its owner.
        #expect(
            try await env.count("SELECT count(*) FROM notify.deliveries WHERE channel = 'copy-task' AND compound_id = 2 AND status = 'pending'") == 1
        )
        // Every ended delivery was published once for analytics: 38 + 5 inbox rows and the robot message.
        #expect(try await env.count("SELECT count(*) FROM queue.jobs WHERE queue = 'analytics' AND kind = 'notification.delivered'") == 44)
        await robot.stop()
    }

    @Test func remindersReachThoseConfirmedWhenTheyRun() async throws {
        let env = try await NotificationsTestEnvironment.make()
        let start = Date().addingTimeInterval(86_400)
        let activity = NotificationsTestEnvironment.activity(9, compound: 3, startsAt: start)
        @Sendable func registration(_ id: Int, resident: Int) -> RegistrationSummary {
            RegistrationSummary(
                registrationID: id,
                activityID: 9,
                occurrenceStart: start,
                compoundID: 3,
                residentID: resident,
                householdID: resident,
                channel: .selfService,
                registeredBy: nil
            )
        }
        try await env.withWorker {
            try await env.seedCompound(3, name: "枫林小区", residents: [201, 202, 203, 204], chatID: 13, robot: nil)
            try await env.publish([ActivityPublished(activity: activity, revision: 1)])
            try await env.publish([
                RegistrationCreated(registration: registration(1, resident: 201), status: .confirmed, at: Date()),
                RegistrationCreated(registration: registration(2, resident: 202), status: .confirmed, at: Date()),
                RegistrationCreated(registration: registration(3, resident: 203), status: .waitlisted, at: Date()),
            ])
            try await env.publish([RegistrationCancelled(registration: registration(2, resident: 202), at: Date())])
            try await env.publish([RegistrationPromoted(registration: registration(3, resident: 203), at: Date())])
            try await env.waitUntilIdle()
            let reminder = ActivityReminder(activity: activity, occurrenceStart: start, leadTime: "24h")
            try await env.runtime.jobs.enqueue(reminder, JobOptions(queue: "notifications"))
            try await env.runtime.jobs.enqueue(reminder, JobOptions(queue: "notifications"))
            try await env.waitUntilIdle()
        }
        let reminded = try await env.pool.query(
            """
            SELECT d.recipient_id FROM notify.deliveries d JOIN notify.messages m ON m.id = d.message_id
            WHERE m.kind = 'reminder.24h' ORDER BY 1
            """
        ).column("recipient_id", as: Int.self)
        #expect(reminded == [201, 203])
        let kinds = try await env.pool.query(
            "SELECT m.kind FROM notify.deliveries d JOIN notify.messages m ON m.id = d.message_id WHERE d.recipient_id = 203 ORDER BY d.id"
        ).column("kind", as: String.self)
        // Each once, in whatever order a concurrent worker handled them; the waitlisting is told only
        // if it was handled before the promotion (afterwards it is stale news and is not sent).
        #expect(kinds.filter { $0 != "registration.waitlisted" }.sorted() == ["activity.published", "registration.promoted", "reminder.24h"])
        #expect(kinds.filter { $0 == "registration.waitlisted" }.count <= 1)
        let title = try await env.pool.query("SELECT title FROM notify.messages WHERE kind = 'registration.promoted'").scalar(String.self)
        #expect(title == "候补转正：幸福邻里节·百家宴")
    }
}
