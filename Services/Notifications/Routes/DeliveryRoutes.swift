import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// `/v1/deliveries` (what was sent where, and how it went) and `/v1/group-chats` (with robots
/// masked), for staff within their scope.
struct DeliveryRoutes {
    let pool: PostgresPool

    /// One delivery's state.
    struct Delivery: Codable, Sendable, ResponseEncodable {
        var id: Int
        var messageID: Int
        var kind: String
        var recipientType: String
        var recipientID: Int
        var channel: String
        var compoundID: Int?
        var status: String
        var attempts: Int
        var idempotencyKey: String
        var deferredUntil: Date?
        var lastError: String?
        var providerResponse: String?
        var createdAt: Date
        var finishedAt: Date?
    }

    /// A group chat; the robot's webhook is shown masked (its key is a secret).
    struct GroupChat: Codable, Sendable, ResponseEncodable {
        var id: Int
        var compoundID: Int
        var name: String
        var hasRobot: Bool
        var robot: String?
    }

    func add(to router: Router<LinliRequestContext>) {
        router.get("/v1/deliveries") { request, context in
            let principal = try Access.staff(context)
            let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }) { $1 }
            let compound = try Access.integer("compoundID", in: query)
            let message = try Access.integer("messageID", in: query)
            let (status, channel) = (query["status"], query["channel"])
            let limit = try Pagination.limit(request)
            let after = try Pagination.after(request)
            let rows = try await pool.query(
                """
                SELECT d.id, d.message_id, m.kind, d.recipient_type, d.recipient_id, d.channel, d.compound_id, d.status, d.attempts,
                       d.idempotency_key, d.deferred_until, d.last_error, d.provider_response, d.created_at, d.finished_at
                FROM notify.deliveries d JOIN notify.messages m ON m.id = d.message_id LEFT JOIN notify.compounds k ON k.id = d.compound_id
                WHERE \(Access.compoundFilter(principal, column: "d.compound_id", path: "k.area_path"))
                  AND (\(compound)::int8 IS NULL OR d.compound_id = \(compound)) AND (\(message)::int8 IS NULL OR d.message_id = \(message))
                  AND (\(status)::text IS NULL OR d.status = \(status)) AND (\(channel)::text IS NULL OR d.channel = \(channel))
                  AND d.id > \(after ?? 0)
                ORDER BY d.id LIMIT \(limit)
                """
            ).decode(Delivery.self)
            return Page(items: rows, next: rows.count == limit ? rows.last.map { String($0.id) } : nil)
        }
        router.get("/v1/group-chats") { request, context in
            let principal = try Access.staff(context)
            let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }) { $1 }
            let compound = try Access.integer("compoundID", in: query)
            let rows = try await pool.query(
                """
                SELECT c.id, c.compound_id, c.name, c.robot_webhook FROM notify.group_chats c LEFT JOIN notify.compounds k ON k.id = c.compound_id
                WHERE \(Access.compoundFilter(principal, column: "c.compound_id", path: "k.area_path"))
                  AND (\(compound)::int8 IS NULL OR c.compound_id = \(compound))
                ORDER BY c.id LIMIT 500
                """
            )
            return try rows.map { row in
                let webhook = try row.decode(3, as: String?.self)
                return GroupChat(
                    id: try row.decode(0),
                    compoundID: try row.decode(1),
                    name: try row.decode(2),
                    hasRobot: webhook != nil,
                    robot: webhook.map(Self.mask)
                )
            }
        }
    }

    /// `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…a1b2`: the host and path, and the key's last 4 characters.
    static func mask(_ url: String) -> String {
        let base = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        let key = URLComponents(string: url)?.queryItems?.first { $0.name == "key" }?.value ?? ""
        return base + "?key=…" + String(key.suffix(4))
    }
}
