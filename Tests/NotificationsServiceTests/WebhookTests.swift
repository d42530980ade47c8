import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobQueue
import Models
import NIOCore
import Postgres
import ServiceKit
import ServiceTestSupport
import Testing

@testable import NotificationsService

@Suite("Signed webhooks and SMS gateways")
struct WebhookTests {
    static let gatewaySecret = "0123456789abcdef0123456789abcdef"

    @Test func theSignatureMatchesAnIndependentHMACAndRefusesReplaysAndTampering() {
        let body = Data(#"{"hello":"邻里"}"#.utf8)
        // Computed with Python's hmac module.
        let expected = "v1=889f033c226b470b490245494aa08971e7ad2bad2945b596ec483060438dbbfa"
        #expect(WebhookSignature.sign(body: body, timestamp: 1_700_000_000, secret: Self.gatewaySecret) == expected)
        let sent = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(WebhookSignature.verify(body: body, timestamp: "1700000000", signature: expected, secret: Self.gatewaySecret, now: sent))
        #expect(
            !WebhookSignature.verify(
                body: body,
                timestamp: "1700000000",
                signature: expected,
                secret: Self.gatewaySecret,
                now: sent.addingTimeInterval(301)
            )
        )
        #expect(
            !WebhookSignature.verify(
                body: Data(#"{"hello":"邻居"}"#.utf8),
                timestamp: "1700000000",
                signature: expected,
                secret: Self.gatewaySecret,
                now: sent
            )
        )
        #expect(!WebhookSignature.verify(body: body, timestamp: "1700000001", signature: expected, secret: Self.gatewaySecret, now: sent))
        #expect(!WebhookSignature.verify(body: body, timestamp: nil, signature: expected, secret: Self.gatewaySecret, now: sent))
    }

    struct Made: Decodable {
        let id: Int
        let secret: String?
    }

    @Test func systemsAndSMSGatewaysReceiveSignedRequestsTheyCanVerify() async throws {
        let env = try await NotificationsTestEnvironment.make()
        // The receiver checks every request as a real one would, and refuses what does not verify.
        let secrets = SecretBox()
        let receiver = try await FakeHTTPServer.start { _, request in
            let secret = request.path.hasSuffix("/sms") ? Self.gatewaySecret : secrets.system
            let valid = WebhookSignature.verify(
                body: request.body,
                timestamp: request.headers[.init("X-Linli-Timestamp")!],
                signature: request.headers[.init("X-Linli-Signature")!],
                secret: secret,
                now: Date()
            )
            return valid ? (200, "{}") : (401, "bad signature")
        }
        let system: Made = try await env.test { client in
            try await client.execute(
                uri: "/v1/webhooks",
                method: .post,
                headers: try await env.headers(NotificationsTestEnvironment.admin),
                body: ByteBuffer(string: #"{"name":"区平台","url":"\#(receiver.url)/system","purpose":"system","kinds":["activity.published"]}"#)
            ) { response in
                #expect(response.status == .created)
                return try response.decode(Made.self)
            }
        }
        secrets.system = try #require(system.secret)
        try await env.test { client in
            try await client.execute(
                uri: "/v1/webhooks",
                method: .post,
                headers: try await env.headers(NotificationsTestEnvironment.admin),
                body: ByteBuffer(string: #"{"name":"短信网关","url":"\#(receiver.url)/sms","purpose":"sms","secret":"\#(Self.gatewaySecret)"}"#)
            ) { #expect($0.status == .created) }
            try await client.execute(uri: "/v1/webhooks", method: .get, headers: try await env.headers(NotificationsTestEnvironment.admin)) {
                response in
                #expect(!String(buffer: response.body).contains(Self.gatewaySecret))
            }
        }
        try await env.withWorker {
            try await env.seedCompound(
                10,
                name: "枫林小区",
                residents: [701, 702, 703],
                chatID: 20,
                robot: nil,
                phones: [701: "13800000001", 702: "13800000002"]
            )
            // 701 wants SMS for everything; 703 too, but has no phone; 702 did not opt in.
            try await env.pool.execute(
                "INSERT INTO notify.preferences (resident_id, kind, channel, enabled) VALUES (701, '*', 'sms', true), (703, '*', 'sms', true)"
            )
            try await env.publish([ActivityPublished(activity: NotificationsTestEnvironment.activity(14, compound: 10), revision: 1)])
            try await env.waitUntil("both requests arrived") { receiver.received.count == 2 }
            try await env.waitUntilIdle()
        }
        #expect(receiver.received.count == 2)
        #expect(try await env.count("SELECT count(*) FROM notify.deliveries WHERE channel IN ('webhook', 'sms') AND status = 'sent'") == 2)
        let sms = try #require(receiver.received.first { $0.path == "/sms" })
        let message = try JSONSerialization.jsonObject(with: sms.body) as? [String: Any]
        #expect(message?["to"] as? String == "13800000001")
        let key = try await env.pool.query("SELECT idempotency_key FROM notify.deliveries WHERE channel = 'sms'").scalar(String.self)
        #expect(sms.headers[.init("Idempotency-Key")!] == key)
        #expect(key?.hasSuffix("/resident-701/sms") == true)
        await receiver.stop()
    }

    @Test func aRefusedRequestIsGivenUpAtOnce() async throws {
        let env = try await NotificationsTestEnvironment.make()
        let receiver = try await FakeHTTPServer.start { _, _ in (400, #"{"error":"unknown template"}"#) }
        try await env.pool.execute(
            "INSERT INTO notify.webhooks (name, url, secret, purpose) VALUES ('x', \(receiver.url + "/system"), \(Self.gatewaySecret), 'system')"
        )
        try await env.withWorker {
            try await env.seedCompound(11, name: "枫林小区", residents: [801], chatID: 21, robot: nil)
            try await env.publish([ActivityPublished(activity: NotificationsTestEnvironment.activity(15, compound: 11), revision: 1)])
            try await env.waitUntil("the webhook delivery ended") {
                try await env.count("SELECT count(*) FROM notify.deliveries WHERE channel = 'webhook' AND status = 'given-up'") == 1
            }
        }
        #expect(receiver.received.count == 1)
        let error = try await env.pool.query("SELECT last_error FROM notify.deliveries WHERE channel = 'webhook'").scalar(String.self)
        #expect(error == "HTTP 400")
        await receiver.stop()
    }
}

/// The system endpoint's secret, known only once the endpoint is made (read by the fake receiver).
final class SecretBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value = ""
    var system: String {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
