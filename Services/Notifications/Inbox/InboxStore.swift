import Foundation
import Postgres

/// One message in a resident's inbox.
struct InboxItem: Codable, Sendable, Equatable {
    /// The inbox delivery's id (the cursor, and the SSE event id).
    var id: Int
    var recipientID: Int
    var messageID: Int
    var kind: String
    var title: String
    var text: String
    var link: String?
    var createdAt: Date
    var readAt: Date?
}

/// The inbox's SQL: every statement is for one resident, by the `deliveries_inbox` index.
enum InboxStore {
    static let columns: SQL = """
        d.id, d.recipient_id, d.message_id, m.kind, m.title, coalesce(m.contents ->> 'inbox', '') AS text, m.link, d.created_at, d.read_at
        """

    /// Newest first, after the cursor (ids below it).
    static func list(resident: Int, before: Int?, limit: Int, unreadOnly: Bool, on connection: isolated PostgresConnection) throws -> [InboxItem] {
        try connection.query(
            """
            SELECT \(columns) FROM notify.deliveries d JOIN notify.messages m ON m.id = d.message_id
            WHERE d.channel = 'inbox' AND d.recipient_id = \(resident) AND d.id < \(before ?? Int.max)
              AND (NOT \(unreadOnly) OR d.read_at IS NULL)
            ORDER BY d.id DESC LIMIT \(limit)
            """
        ).decode(InboxItem.self)
    }

    static func unreadCount(resident: Int, on connection: isolated PostgresConnection) throws -> Int {
        try connection.query(
            "SELECT count(*) FROM notify.deliveries WHERE channel = 'inbox' AND recipient_id = \(resident) AND read_at IS NULL"
        ).scalar(Int.self) ?? 0
    }

    /// Marks one message read; `false` when it is not in this resident's inbox.
    static func markRead(resident: Int, id: Int, on connection: isolated PostgresConnection) throws -> Bool {
        try connection.query(
            """
            UPDATE notify.deliveries SET read_at = coalesce(read_at, now())
            WHERE id = \(id) AND channel = 'inbox' AND recipient_id = \(resident)
            RETURNING id
            """
        ).rowCount == 1
    }

    static func markAllRead(resident: Int, on connection: isolated PostgresConnection) throws -> Int {
        try connection.execute(
            "UPDATE notify.deliveries SET read_at = now() WHERE channel = 'inbox' AND recipient_id = \(resident) AND read_at IS NULL"
        )
    }

    static func latestID(resident: Int, on connection: isolated PostgresConnection) throws -> Int {
        try connection.query(
            "SELECT coalesce(max(id), 0) FROM notify.deliveries WHERE channel = 'inbox' AND recipient_id = \(resident)"
        ).scalar(Int.self) ?? 0
    }

    /// New inbox rows of any of these residents above `floor`, oldest first, for the stream.
    static func since(_ floor: Int, residents: [Int], on connection: isolated PostgresConnection) throws -> [InboxItem] {
        try connection.query(
            """
            SELECT \(columns) FROM notify.deliveries d JOIN notify.messages m ON m.id = d.message_id
            WHERE d.channel = 'inbox' AND d.recipient_id = ANY (\(residents)) AND d.id > \(floor)
            ORDER BY d.id LIMIT 5000
            """
        ).decode(InboxItem.self)
    }
}
