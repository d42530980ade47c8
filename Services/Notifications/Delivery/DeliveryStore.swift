import Foundation
import JobQueue
import Models
import Postgres

/// A delivery with what sending it needs from its message.
struct PendingDelivery: Decodable, Sendable {
    let id: Int
    let messageID: Int
    let recipientType: String
    let recipientID: Int
    let channel: Channel
    let compoundID: Int?
    let endpointID: Int?
    let status: DeliveryStatus
    let attempts: Int
    let idempotencyKey: String
    let kind: String
    let title: String
    let link: String?
    let urgent: Bool
    let contents: [String: String]
    let createdAt: Date
}

/// The delivery jobs' SQL.
enum DeliveryStore {
    static func load(_ id: Int, on connection: isolated PostgresConnection) throws -> PendingDelivery? {
        try connection.query(
            """
            SELECT d.id, d.message_id, d.recipient_type, d.recipient_id, d.channel, d.compound_id, d.endpoint_id, d.status,
                   d.attempts, d.idempotency_key, m.kind, m.title, m.link, m.urgent, m.contents, m.created_at
            FROM notify.deliveries d JOIN notify.messages m ON m.id = d.message_id
            WHERE d.id = \(id)
            """
        ).decode(PendingDelivery.self).first
    }

    /// An endpoint's URL and secret, if it is still active.
    static func endpoint(_ id: Int, on connection: isolated PostgresConnection) throws -> (url: String, secret: String)? {
        let rows = try connection.query("SELECT url, secret FROM notify.webhooks WHERE id = \(id) AND active")
        guard let row = rows.first else { return nil }
        return (try row.decode(0, as: String.self), try row.decode(1, as: String.self))
    }

    static func robotWebhook(chat: Int, on connection: isolated PostgresConnection) throws -> String? {
        try connection.query("SELECT robot_webhook FROM notify.group_chats WHERE id = \(chat)").scalar(String?.self) ?? nil
    }

    static func phone(resident: Int, on connection: isolated PostgresConnection) throws -> String? {
        try connection.query("SELECT phone FROM notify.residents WHERE id = \(resident) AND active").scalar(String?.self) ?? nil
    }

    /// Ends a delivery (`sent` or `given-up`) and publishes that it ended, in one transaction; one already sent stays as it is.
    static func end(
        _ delivery: PendingDelivery,
        status: DeliveryStatus,
        error: String?,
        response: String?,
        worker: String,
        at now: Date,
        on tx: isolated PostgresConnection,
        outbox: JobOutbox
    ) throws {
        let attempts = delivery.attempts + 1
        let changed = try tx.execute(
            """
            UPDATE notify.deliveries
            SET status = \(status), attempts = \(attempts), last_error = coalesce(\(error), last_error),
                provider_response = \(response), sent_by = \(worker), finished_at = now()
            WHERE id = \(delivery.id) AND status <> \(DeliveryStatus.sent)
            """
        )
        guard changed > 0 else { return }
        try outbox.publish(
            NotificationDelivered(
                deliveryID: delivery.id,
                kind: delivery.kind,
                channel: delivery.channel.rawValue,
                compoundID: delivery.compoundID,
                status: status.rawValue,
                attempts: attempts,
                at: now
            ),
            on: tx
        )
    }

    /// Notes when a delivery waiting out quiet hours may go.
    static func `defer`(_ id: Int, until: Date, on connection: isolated PostgresConnection) throws {
        try connection.execute("UPDATE notify.deliveries SET deferred_until = \(until) WHERE id = \(id)")
    }

    /// Records a failed attempt that will be retried.
    static func failed(_ delivery: PendingDelivery, error: String, response: String?, on connection: isolated PostgresConnection) throws {
        try connection.execute(
            """
            UPDATE notify.deliveries SET status = \(DeliveryStatus.failed), attempts = attempts + 1, last_error = \(error), provider_response = \(response)
            WHERE id = \(delivery.id) AND status <> \(DeliveryStatus.sent)
            """
        )
    }
}
