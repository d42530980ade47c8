import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit
import Testing

@testable import NotificationsService

@Suite("WeCom robot delivery: errcode bodies, 5xx, retries, giving up")
struct RobotDeliveryTests {
    struct Row: Decodable {
        let status: String
        let attempts: Int
        let lastError: String?
        let providerResponse: String?
    }

    func robotDelivery(_ env: NotificationsTestEnvironment) async throws -> Row? {
        try await env.pool.query(
            "SELECT status, attempts, last_error, provider_response FROM notify.deliveries WHERE channel = 'wecom-robot'"
        ).decode(Row.self).first
    }

    @Test func anErrcodeBodyIsAFailureRetriedThenGivenUpWithTheErrorKept() async throws {
        let env = try await NotificationsTestEnvironment.make()
        let robot = try await FakeHTTPServer.start { _, _ in (200, #"{"errcode":93000,"errmsg":"invalid webhook url"}"#) }
        try await env.runtime.jobs.subscribe(queue: "analytics", to: [NotificationDelivered.topic])
        try await env.withWorker {
            try await env.seedCompound(4, name: "枫林小区", residents: [301], chatID: 14, robot: robot.robotURL(key: "bad"))
            try await env.publish([ActivityPublished(activity: NotificationsTestEnvironment.activity(10, compound: 4), revision: 1)])
            try await env.waitUntil("the delivery is given up") { try await robotDelivery(env)?.status == "given-up" }
            try await env.waitUntilIdle()
        }
        // Three attempts (the configured maximum), each an HTTP 200 carrying a non-zero errcode.
        #expect(robot.received.count == 3)
        let row = try #require(try await robotDelivery(env))
        #expect(row.attempts == 3)
        #expect(row.lastError == "errcode 93000: invalid webhook url")
        #expect(row.providerResponse?.contains("93000") == true)
        let errors = try await env.pool.query(
            "SELECT jsonb_array_length(errors) FROM queue.finished WHERE kind = 'notifications.deliver' AND state = 'discarded'"
        ).scalar(Int.self)
        #expect(errors == 3)
        let published = try await env.pool.query(
            "SELECT payload ->> 'status' FROM queue.jobs WHERE queue = 'analytics' AND payload ->> 'channel' = 'wecom-robot'"
        ).map { try $0.decode(0, as: String.self) }
        #expect(published == ["given-up"])
        await robot.stop()
    }

    @Test func serverErrorsAreRetriedUntilTheRobotTakesTheMessage() async throws {
        let env = try await NotificationsTestEnvironment.make()
        let robot = try await FakeHTTPServer.start { index, _ in
            index < 2 ? (502, "bad gateway") : (200, #"{"errcode":0,"errmsg":"ok"}"#)
        }
        try await env.withWorker {
            try await env.seedCompound(5, name: "枫林小区", residents: [302], chatID: 15, robot: robot.robotURL(key: "flaky"))
            try await env.publish([
                ActivityCancelled(
                    activity: NotificationsTestEnvironment.activity(11, compound: 5),
                    occurrenceStart: nil,
                    reason: "暴雨",
                    revision: 2
                )
            ])
            try await env.waitUntil("the delivery is sent") { try await robotDelivery(env)?.status == "sent" }
        }
        let row = try #require(try await robotDelivery(env))
        #expect(robot.received.count == 3)
        #expect(row.attempts == 3)
        #expect(row.lastError == "HTTP 502")
        // An urgent kind is plain text that mentions everyone.
        let body = try JSONSerialization.jsonObject(with: robot.received[2].body) as? [String: Any]
        #expect(body?["msgtype"] as? String == "text")
        let text = body?["text"] as? [String: Any]
        #expect(text?["mentioned_list"] as? [String] == ["@all"])
        #expect((text?["content"] as? String)?.contains("暴雨") == true)
        await robot.stop()
    }

    @Test func robotBodiesKeepWeComsLimitsAndChooseTheirForm() {
        let long = String(repeating: "邻", count: 1_000)  // 3,000 bytes
        let text = RobotMessage(content: long, title: "t", link: nil, urgent: false)
        #expect(text.msgtype == "text")
        #expect((text.text?.content.utf8.count ?? 0) <= RobotMessage.textLimit)
        #expect(text.text?.content.hasSuffix("…") == true)
        let markdown = RobotMessage(content: "**标题**\n" + long + long, title: "t", link: nil, urgent: false)
        #expect(markdown.msgtype == "markdown")
        #expect((markdown.markdown?.content.utf8.count ?? 0) <= RobotMessage.markdownLimit)
        let news = RobotMessage(content: "周六上午百家宴 https://x/a/1", title: "新活动", link: "https://x/a/1", urgent: false)
        #expect(news.msgtype == "news")
        #expect(news.news?.articles.first?.description == "周六上午百家宴")
    }
}
