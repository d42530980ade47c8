import Foundation
import JobQueue
import Logging
import Models
import Postgres
import ServiceKit

/// Sends sign-in codes (`signin.code-issued`) by SMS at once, through the SMS gateway configured
/// for the city (a `notify.webhooks` row of purpose `sms`, signed as every SMS is), never by WeCom
/// or the inbox. Quiet hours do not apply (the person is waiting for it). A code already expired
/// is dropped unsent; nothing logged here carries the code or the full phone.
struct SignInCodeSender: Sendable {
    /// The message kind gateways see (and may be limited to in their `kinds`).
    static let kind = "signin.code"

    let pool: PostgresPool
    let http: OutboundHTTP
    let clock: WallClock
    let timeout: Double
    let logger: Logger

    /// The gateway's body (the same fields as every SMS the service sends).
    struct Body: Encodable {
        let deliveryID: Int
        let idempotencyKey: String
        let kind: String
        let to: String
        let text: String
    }

    /// Subscribes to `signin.code-issued`.
    func register(on worker: JobWorker) {
        worker.subscribe(SignInCodeIssued.self, retry: RetryPolicy(base: 1, maximum: 30)) { event, _, tx, _ in
            guard let gateway = try SignInCodeStore.gateway(on: tx) else {
                logger.error("no SMS gateway: sign-in code dropped", metadata: ["codeID": "\(event.codeID)"])
                return
            }
            try await send(event, gateway: gateway)
        }
    }

    /// Sends one code; an expired one is dropped (logged without the code).
    func send(_ event: SignInCodeIssued, gateway: SignInCodeStore.Gateway) async throws {
        guard event.expiresAt > clock.now() else {
            logger.notice(
                "sign-in code expired before it was sent: dropped",
                metadata: ["codeID": "\(event.codeID)", "phone": "\(Self.mask(event.phone))"]
            )
            return
        }
        let key = "signin-code/\(event.codeID)"
        let body = Body(deliveryID: event.codeID, idempotencyKey: key, kind: Self.kind, to: event.phone, text: SignInCodeText.sms(code: event.code))
        let data = try LinliJSON.makeEncoder().encode(body)
        let timestamp = Int(clock.now().timeIntervalSince1970)
        let headers = [
            (WebhookSignature.timestampHeader, String(timestamp)),
            (WebhookSignature.signatureHeader, WebhookSignature.sign(body: data, timestamp: timestamp, secret: gateway.secret)),
            (WebhookSignature.idempotencyHeader, key),
        ]
        let answer = try await http.post(gateway.url, body: data, headers: headers, timeout: timeout)
        guard (200..<300).contains(answer.status) else {
            throw SignInCodeFailure(description: "the SMS gateway answered HTTP \(answer.status) for sign-in code \(event.codeID)")
        }
    }

    /// `138****0000`.
    static func mask(_ phone: String) -> String { phone.count == 11 ? phone.prefix(3) + "****" + phone.suffix(4) : "****" }
}

/// The gateway refused or failed a sign-in code (retried by the queue; the text names no code).
struct SignInCodeFailure: Error, CustomStringConvertible {
    let description: String
}

/// The SMS text of a sign-in code.
enum SignInCodeText {
    static func sms(code: String) -> String { "【邻里】验证码 \(code)，5分钟内有效。请勿告诉他人。" }
}

/// The SMS gateway for sign-in codes: SQL only.
enum SignInCodeStore {
    struct Gateway: Sendable {
        let url: String
        let secret: String
    }

    /// The active SMS gateway taking sign-in codes: one for the whole city first, else the first.
    static func gateway(on tx: isolated PostgresConnection) throws -> Gateway? {
        try tx.query(
            """
            SELECT url, secret FROM notify.webhooks
            WHERE purpose = \(WebhookPurpose.sms)::text AND active AND (kinds = '{}' OR \(SignInCodeSender.kind) = ANY (kinds))
            ORDER BY area_id IS NOT NULL, id LIMIT 1
            """
        ).first.map { Gateway(url: try $0.decode(0, as: String.self), secret: try $0.decode(1, as: String.self)) }
    }
}
