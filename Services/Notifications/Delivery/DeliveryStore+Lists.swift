import Foundation
import Postgres
import ServiceKit

/// One delivery's state, as staff see it.
struct DeliveryRow: Codable, Sendable {
    var id: Int
    var messageID: Int
    var kind: String
    var recipientType: String
    var recipientID: Int
    var channel: Channel
    var compoundID: Int?
    var status: DeliveryStatus
    var attempts: Int
    var idempotencyKey: String
    var deferredUntil: Date?
    var lastError: String?
    var providerResponse: String?
    var createdAt: Date
    var finishedAt: Date?
}

/// What to list of the deliveries in a principal's scope (each filter optional).
struct DeliveryFilter: Sendable {
    var compoundID: Int?
    var messageID: Int?
    var status: String?
    var channel: String?
}

extension DeliveryStore {
    /// The deliveries in the principal's scope that pass the filter, oldest first after the cursor.
    static func list(
        in principal: Principal,
        _ filter: DeliveryFilter,
        after: Int?,
        limit: Int,
        on connection: isolated PostgresConnection
    ) throws -> [DeliveryRow] {
        try connection.query(
            """
            SELECT d.id, d.message_id, m.kind, d.recipient_type, d.recipient_id, d.channel, d.compound_id, d.status, d.attempts,
                   d.idempotency_key, d.deferred_until, d.last_error, d.provider_response, d.created_at, d.finished_at
            FROM notify.deliveries d JOIN notify.messages m ON m.id = d.message_id LEFT JOIN notify.compounds k ON k.id = d.compound_id
            WHERE \(CompoundScope.filter(principal, column: "d.compound_id", path: "k.area_path"))
              AND (\(filter.compoundID)::int8 IS NULL OR d.compound_id = \(filter.compoundID))
              AND (\(filter.messageID)::int8 IS NULL OR d.message_id = \(filter.messageID))
              AND (\(filter.status)::text IS NULL OR d.status = \(filter.status)) AND (\(filter.channel)::text IS NULL OR d.channel = \(filter.channel))
              AND d.id > \(after ?? 0)
            ORDER BY d.id LIMIT \(limit)
            """
        ).decode(DeliveryRow.self)
    }

    /// The group chats in the principal's scope (of one compound, if given), with their robots' webhooks.
    static func groupChats(
        in principal: Principal,
        compoundID: Int?,
        on connection: isolated PostgresConnection
    ) throws -> [(id: Int, compoundID: Int, name: String, webhook: String?)] {
        try connection.query(
            """
            SELECT c.id, c.compound_id, c.name, c.robot_webhook FROM notify.group_chats c LEFT JOIN notify.compounds k ON k.id = c.compound_id
            WHERE \(CompoundScope.filter(principal, column: "c.compound_id", path: "k.area_path"))
              AND (\(compoundID)::int8 IS NULL OR c.compound_id = \(compoundID))
            ORDER BY c.id LIMIT 500
            """
        ).map { row in (try row.decode(0), try row.decode(1), try row.decode(2), try row.decode(3, as: String?.self)) }
    }
}
