import Foundation
import Postgres

/// The fan-out's SQL: each statement inserts a whole set of deliveries from the projections.
/// Channels, statuses and purposes are bound from their enums (their raw values are the columns' text).
enum FanoutStore {
    /// A delivery just made.
    struct Made: Decodable, Sendable {
        let id: Int
        let channel: Channel
        let compoundID: Int?
    }

    static func insertMessage(
        _ message: NewMessage,
        title: String,
        contents: [String: String],
        context: TemplateContext,
        urgent: Bool,
        inDigest: Bool,
        on tx: isolated PostgresConnection
    ) throws -> Int? {
        try tx.query(
            """
            INSERT INTO notify.messages (source_key, kind, compound_id, area_path, urgent, in_digest, title, link, context, contents)
            VALUES (\(message.sourceKey), \(message.kind.name), \(message.compoundID), \(message.areaPath), \(urgent), \(inDigest),
                    \(title), \(message.link), \(json: context), \(json: contents))
            ON CONFLICT (source_key) DO NOTHING
            RETURNING id
            """
        ).scalar(Int.self)
    }

    /// Whether a resident wants a kind on a channel: their row for the kind, else for every kind (`*`), else the default.
    static func wants(_ channel: Channel, kind: String, default enabled: Bool) -> SQL {
        """
        coalesce((SELECT p.enabled FROM notify.preferences p
                  WHERE p.resident_id = a.resident_id AND p.channel = \(channel.rawValue) AND p.kind IN (\(kind), '*')
                  ORDER BY p.kind = '*' LIMIT 1), \(enabled))
        """
    }

    /// An inbox row per resident of the audience who has not opted out, ended (`sent`) at once.
    static func insertInbox(messageID: Int, message: NewMessage, on tx: isolated PostgresConnection) throws -> [Made] {
        guard let audience = message.audience.sql else { return [] }
        return try tx.query(
            """
            INSERT INTO notify.deliveries (message_id, recipient_type, recipient_id, channel, compound_id, status, attempts,
                                           idempotency_key, finished_at)
            SELECT \(messageID), 'resident', a.resident_id, \(Channel.inbox)::text, coalesce(r.compound_id, \(message.compoundID)),
                   \(DeliveryStatus.sent)::text, 1,
                   \(message.sourceKey) || '/resident-' || a.resident_id || '/inbox', now()
            FROM (\(audience)) a LEFT JOIN notify.residents r ON r.id = a.resident_id
            WHERE \(wants(.inbox, kind: message.kind.name, default: true))
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING id, channel, compound_id
            """
        ).decode(Made.self)
    }

    /// An SMS per resident of the audience who opted in and has a phone, through the SMS gateway covering them.
    static func insertSMS(messageID: Int, message: NewMessage, deferredUntil: Date?, on tx: isolated PostgresConnection) throws -> [Int] {
        guard let audience = message.audience.sql else { return [] }
        return try tx.query(
            """
            INSERT INTO notify.deliveries (message_id, recipient_type, recipient_id, channel, compound_id, endpoint_id, status,
                                           idempotency_key, deferred_until)
            SELECT \(messageID), 'resident', a.resident_id, \(Channel.sms)::text, r.compound_id, g.id, \(DeliveryStatus.pending)::text,
                   \(message.sourceKey) || '/resident-' || a.resident_id || '/sms', \(deferredUntil)
            FROM (\(audience)) a JOIN notify.residents r ON r.id = a.resident_id AND r.phone IS NOT NULL
            CROSS JOIN LATERAL (
                SELECT w.id FROM notify.webhooks w
                WHERE w.purpose = \(WebhookPurpose.sms)::text AND w.active AND (w.kinds = '{}' OR \(message.kind.name) = ANY (w.kinds))
                  AND (w.area_id IS NULL OR w.area_id = ANY (r.area_path))
                ORDER BY w.id LIMIT 1) g
            WHERE \(wants(.sms, kind: message.kind.name, default: false))
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING id
            """
        ).column("id")
    }

    /// A robot message to each group chat of the compounds that has a robot, a copy task to each that has none.
    static func insertGroup(messageID: Int, message: NewMessage, deferredUntil: Date?, on tx: isolated PostgresConnection) throws -> [Made] {
        guard !message.groupCompoundIDs.isEmpty else { return [] }
        return try tx.query(
            """
            INSERT INTO notify.deliveries (message_id, recipient_type, recipient_id, channel, compound_id, status, idempotency_key,
                                           deferred_until)
            SELECT \(messageID), 'group-chat', c.id, ch.channel, c.compound_id, \(DeliveryStatus.pending)::text,
                   \(message.sourceKey) || '/group-chat-' || c.id || '/' || ch.channel,
                   CASE WHEN ch.channel = \(Channel.wecomRobot)::text THEN \(deferredUntil) END
            FROM notify.group_chats c
            CROSS JOIN LATERAL (SELECT CASE WHEN c.robot_webhook IS NULL THEN \(Channel.copyTask)::text ELSE \(Channel.wecomRobot)::text END AS channel) ch
            WHERE c.compound_id = ANY (\(message.groupCompoundIDs))
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING id, channel, compound_id
            """
        ).decode(Made.self)
    }

    /// A webhook call to each active system endpoint that takes the kind and covers the message's place.
    static func insertWebhooks(messageID: Int, message: NewMessage, deferredUntil: Date?, on tx: isolated PostgresConnection) throws -> [Int] {
        try tx.query(
            """
            INSERT INTO notify.deliveries (message_id, recipient_type, recipient_id, channel, compound_id, status, idempotency_key,
                                           deferred_until)
            SELECT \(messageID), 'webhook', w.id, \(Channel.webhook)::text, \(message.compoundID), \(DeliveryStatus.pending)::text,
                   \(message.sourceKey) || '/webhook-' || w.id || '/webhook', \(deferredUntil)
            FROM notify.webhooks w
            WHERE w.purpose = \(WebhookPurpose.system)::text AND w.active AND (w.kinds = '{}' OR \(message.kind.name) = ANY (w.kinds))
              AND (w.area_id IS NULL OR w.area_id = ANY (\(message.areaPath)))
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING id
            """
        ).column("id")
    }
}
