import Foundation
import HTTPTypes
import JobQueue
import Models
import Postgres
import ServiceKit
import ServiceTestSupport
import Testing

@testable import NotificationsService

@Suite("Sign-in codes by SMS")
struct SignInCodeTests {
    static let gatewaySecret = "0123456789abcdef0123456789abcdef"

    @Test func aCodeIsSentAtOnceBySMSAndAnExpiredOneIsDropped() async throws {
        let env = try await NotificationsTestEnvironment.make()
        let gateway = try await FakeHTTPServer.start { _, _ in (200, "{}") }
        try await env.pool.execute(
            """
            INSERT INTO notify.webhooks (name, url, secret, purpose) VALUES ('短信网关', \(gateway.url + "/sms"), \(Self.gatewaySecret), 'sms')
            """
        )
        let now = Date()
        try await env.withWorker {
            try await env.publish([
                SignInCodeIssued(codeID: 1, phone: "13800001234", code: "482913", expiresAt: now.addingTimeInterval(300)),
                SignInCodeIssued(codeID: 2, phone: "13800005678", code: "111111", expiresAt: now.addingTimeInterval(-1)),
            ])
            try await env.waitUntil("the SMS arrived") { gateway.received.count == 1 }
            try await env.waitUntilIdle()
        }
        #expect(gateway.received.count == 1)
        let sms = try #require(gateway.received.first)
        let body = try #require(try JSONSerialization.jsonObject(with: sms.body) as? [String: Any])
        #expect(body["to"] as? String == "13800001234")
        #expect(body["text"] as? String == "【邻里】验证码 482913，5分钟内有效。请勿告诉他人。")
        #expect(sms.headers[.init("Idempotency-Key")!] == "signin-code/1")
        let valid = WebhookSignature.verify(
            body: sms.body,
            timestamp: sms.headers[.init("X-Linli-Timestamp")!],
            signature: sms.headers[.init("X-Linli-Signature")!],
            secret: Self.gatewaySecret,
            now: Date()
        )
        #expect(valid)
        // Not into the inbox, nor WeCom: no message, no delivery.
        #expect(try await env.count("SELECT count(*) FROM notify.messages") == 0)
        #expect(try await env.count("SELECT count(*) FROM notify.deliveries") == 0)
        await gateway.stop()
    }
}
