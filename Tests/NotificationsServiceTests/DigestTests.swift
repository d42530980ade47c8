import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit
import Testing

@testable import NotificationsService

@Suite("The daily digest per compound group")
struct DigestTests {
    @Test func theDigestMergesTheDaysItemsNewestFirstOnce() async throws {
        let env = try await NotificationsTestEnvironment.make()
        let robot = try await FakeHTTPServer.start()
        let slot = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60)
        @Sendable func summary(_ id: Int, compound: Int) -> ConcernSummary {
            ConcernSummary(
                concernID: id,
                placement: Placement(areaPath: [1, 2, 10 + compound], compoundID: compound),
                category: "设施",
                source: "app",
                title: "诉求\(id)",
                reporterResidentID: nil,
                raisedAt: Date()
            )
        }
        try await env.withWorker {
            try await env.seedCompound(8, name: "枫林小区", residents: [601], chatID: 18, robot: robot.robotURL(key: "digest"))
            try await env.seedCompound(9, name: "书香苑", residents: [602], chatID: 19, robot: nil)
            try await env.publish([
                ConcernSettled(concern: summary(1, compound: 8), settledAt: Date(), revision: 3),
                ConcernSettled(concern: summary(2, compound: 8), settledAt: Date(), revision: 3),
                ConcernSettled(concern: summary(3, compound: 8), settledAt: Date(), revision: 3),
                ConcernSettled(concern: summary(4, compound: 9), settledAt: Date(), revision: 3),
            ])
            try await env.publish([ConcernRaised(concern: summary(5, compound: 8))])  // to the reporter only: not a group item
            try await env.waitUntilIdle()
            try await makeDigests(env, slot: slot)
            try await env.waitUntil("the digest reached the robot") { robot.received.count == 1 }
        }
        #expect(robot.received.count == 1)
        let body = try JSONSerialization.jsonObject(with: robot.received[0].body) as? [String: Any]
        #expect(body?["msgtype"] as? String == "markdown")
        await robot.stop()
    }

    func makeDigests(_ env: NotificationsTestEnvironment, slot: Date) async throws {
        // Place the items in time: 2 h, 1 h and 30 h before the slot (the last is outside the day).
        for (id, hours) in [(1, 2.0), (2, 1.0), (3, 30.0), (4, 3.0)] {
            try await env.pool.execute(
                "UPDATE notify.messages SET created_at = \(slot.addingTimeInterval(-hours * 3_600)) WHERE source_key LIKE \("concern.settled:\(id):%")"
            )
        }
        let made = try await env.runtime.jobs.withTransaction { tx, outbox in
            try DailyDigest(configuration: env.service.configuration, fanout: env.service.fanout, composer: env.service.composer)
                .run(slot: slot, on: tx, outbox: outbox)
        }
        #expect(made == 2)
        let digests = try await env.pool.query(
            "SELECT compound_id, contents ->> 'wecom-robot' AS text FROM notify.messages WHERE kind = 'digest.daily' ORDER BY compound_id"
        )
        #expect(digests.count == 2)
        let text = try digests[0].decode(1, as: String.self)
        let first = try #require(text.range(of: "诉求已办结：诉求2"))
        let second = try #require(text.range(of: "诉求已办结：诉求1"))
        #expect(first.lowerBound < second.lowerBound)
        #expect(!text.contains("诉求3"))
        #expect(!text.contains("诉求5"))
        #expect(text.contains("共2条"))
        #expect(text.hasPrefix("**枫林小区 "))
        // The group with a robot gets it as markdown; the one without, as a copy task; a second run makes nothing.
        #expect(
            try await env.count(
                "SELECT count(*) FROM notify.deliveries d JOIN notify.messages m ON m.id = d.message_id WHERE m.kind = 'digest.daily' AND d.channel = 'wecom-robot'"
            ) == 1
        )
        #expect(
            try await env.count(
                "SELECT count(*) FROM notify.deliveries d JOIN notify.messages m ON m.id = d.message_id WHERE m.kind = 'digest.daily' AND d.channel = 'copy-task'"
            ) == 1
        )
        let again = try await env.runtime.jobs.withTransaction { tx, outbox in
            try DailyDigest(configuration: env.service.configuration, fanout: env.service.fanout, composer: env.service.composer)
                .run(slot: slot, on: tx, outbox: outbox)
        }
        #expect(again == 0)
    }
}
