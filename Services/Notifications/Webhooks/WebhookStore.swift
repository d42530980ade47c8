import Foundation
import Postgres

/// An endpoint as administrators see it; the secret only in the answer that made it.
struct Webhook: Codable, Sendable {
    var id: Int
    var name: String
    var url: String
    var purpose: WebhookPurpose
    var kinds: [String]
    var areaID: Int?
    var active: Bool
    /// Only in the answer that made it.
    var secret: String?
}

/// The webhook endpoints' SQL.
enum WebhookStore {
    static func all(on connection: isolated PostgresConnection) throws -> [Webhook] {
        try connection.query("SELECT id, name, url, purpose, kinds, area_id, active FROM notify.webhooks ORDER BY id").decode(Webhook.self)
    }

    static func insert(_ new: NewWebhook, secret: String, on connection: isolated PostgresConnection) throws -> Webhook {
        try connection.query(
            """
            INSERT INTO notify.webhooks (name, url, secret, purpose, kinds, area_id)
            VALUES (\(new.name), \(new.url), \(secret), \(new.purpose), \(new.kinds ?? []), \(new.areaID))
            RETURNING id, name, url, purpose, kinds, area_id, active
            """
        ).decode(Webhook.self)[0]
    }

    /// Stops sending to an endpoint; `false` when there is none.
    static func deactivate(_ id: Int, on connection: isolated PostgresConnection) throws -> Bool {
        try connection.execute("UPDATE notify.webhooks SET active = false WHERE id = \(id)") == 1
    }
}
