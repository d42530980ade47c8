import Crypto
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// `/v1/webhooks…` (administrators): the systems and SMS gateways that receive signed messages.
/// The signing secret is shown once, when the endpoint is made.
struct WebhookRoutes {
    let pool: PostgresPool

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

    struct Webhook: Codable, Sendable, ResponseEncodable {
        var id: Int
        var name: String
        var url: String
        var purpose: String
        var kinds: [String]
        var areaID: Int?
        var active: Bool
        /// Only in the answer that made it.
        var secret: String?
    }

    func add(to router: Router<LinliRequestContext>) {
        router.get("/v1/webhooks") { _, context in
            _ = try Access.admin(context)
            return try await pool.query("SELECT id, name, url, purpose, kinds, area_id, active FROM notify.webhooks ORDER BY id").decode(Webhook.self)
        }
        router.post("/v1/webhooks") { request, context in
            _ = try Access.admin(context)
            let new = try await request.decodeBody(NewWebhook.self, context: context)
            let secret = try Self.validate(new)
            var made = try await pool.query(
                """
                INSERT INTO notify.webhooks (name, url, secret, purpose, kinds, area_id)
                VALUES (\(new.name), \(new.url), \(secret), \(new.purpose), \(new.kinds ?? []), \(new.areaID))
                RETURNING id, name, url, purpose, kinds, area_id, active
                """
            ).decode(Webhook.self)[0]
            made.secret = secret
            return EditedResponse(status: .created, response: made)
        }
        router.delete("/v1/webhooks/{id}") { _, context in
            _ = try Access.admin(context)
            let id = try context.parameters.require("id", as: Int.self)
            guard try await pool.execute("UPDATE notify.webhooks SET active = false WHERE id = \(id)") == 1 else {
                throw APIError.notFound("webhook")
            }
            return Response(status: .noContent)
        }
    }

    /// Checks the body, naming each wrong field; returns the secret to keep.
    static func validate(_ new: NewWebhook) throws -> String {
        var problems: [APIError.FieldError] = []
        let name = new.name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.count > 100 { problems.append(.init(field: "name", message: "must be 1–100 characters")) }
        if let url = URL(string: new.url), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil {
        } else {
            problems.append(.init(field: "url", message: "must be an http or https URL"))
        }
        if !["system", "sms"].contains(new.purpose) { problems.append(.init(field: "purpose", message: "must be system or sms")) }
        for (index, kind) in (new.kinds ?? []).enumerated() where MessageKind.named(kind) == nil {
            problems.append(.init(field: "kinds[\(index)]", message: "is not a message kind"))
        }
        if let secret = new.secret, secret.utf8.count < 32 { problems.append(.init(field: "secret", message: "must be at least 32 bytes")) }
        guard problems.isEmpty else { throw APIError.validation(problems) }
        return new.secret ?? SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }
}
