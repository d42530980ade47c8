import Crypto
import Foundation
import Postgres
import ServiceKit

/// A new endpoint, as an administrator asks for it.
struct NewWebhook: Decodable, Sendable {
    var name: String
    var url: String
    /// `system` or `sms`.
    var purpose: String
    var kinds: [String]?
    var areaID: Int?
    /// Made for you when absent.
    var secret: String?
}

/// The systems and SMS gateways that receive signed messages (administrators only; the route checks
/// the role). The signing secret is shown once, when the endpoint is made.
struct WebhookDesk {
    let pool: PostgresPool

    func webhooks() async throws -> [Webhook] {
        try await pool.withConnection { try WebhookStore.all(on: $0) }
    }

    /// Makes an endpoint, with its secret in the answer.
    func create(_ new: NewWebhook) async throws -> Webhook {
        let secret = try Self.check(new)
        var made = try await pool.withConnection { try WebhookStore.insert(new, secret: secret, on: $0) }
        made.secret = secret
        return made
    }

    func deactivate(_ id: Int) async throws {
        guard try await pool.withConnection({ try WebhookStore.deactivate(id, on: $0) }) else { throw Refusal.notFound("webhook") }
    }

    /// Checks the body, naming each wrong field; returns the secret to keep.
    static func check(_ new: NewWebhook) throws -> String {
        var problems: [Refusal.Field] = []
        let name = new.name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.count > 100 { problems.append(.init(field: "name", message: "must be 1–100 characters")) }
        if let url = URL(string: new.url), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil {
        } else {
            problems.append(.init(field: "url", message: "must be an http or https URL"))
        }
        if WebhookPurpose(rawValue: new.purpose) == nil { problems.append(.init(field: "purpose", message: "must be system or sms")) }
        for (index, kind) in (new.kinds ?? []).enumerated() where MessageKind.named(kind) == nil {
            problems.append(.init(field: "kinds[\(index)]", message: "is not a message kind"))
        }
        if let secret = new.secret, secret.utf8.count < 32 { problems.append(.init(field: "secret", message: "must be at least 32 bytes")) }
        guard problems.isEmpty else { throw Refusal.invalid(problems) }
        return new.secret ?? SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }
}
