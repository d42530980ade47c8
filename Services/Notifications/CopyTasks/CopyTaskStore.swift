import Foundation
import Postgres
import ServiceKit

/// A copy task: a group message for a chat without a robot, for the group's owner to copy in.
struct CopyTask: Codable, Sendable {
    var id: Int
    var compoundID: Int
    var groupChatID: Int
    var groupChat: String
    var kind: String
    var title: String
    var text: String
    var done: Bool
    var doneBy: String?
    var createdAt: Date
    var doneAt: Date?
}

/// The copy tasks' SQL: they are the deliveries on the `copy-task` channel (spelled out in the
/// statements, so the planner uses the partial index `deliveries_copy_tasks`).
enum CopyTaskStore {
    static let select: SQL = """
        SELECT d.id, d.compound_id, d.recipient_id AS group_chat_id, coalesce(c.name, '') AS group_chat, m.kind, m.title,
               coalesce(m.contents ->> 'copy-task', '') AS text, d.status = \(DeliveryStatus.sent) AS done, d.sent_by AS done_by, d.created_at,
               d.finished_at AS done_at
        FROM notify.deliveries d JOIN notify.messages m ON m.id = d.message_id
        LEFT JOIN notify.group_chats c ON c.id = d.recipient_id LEFT JOIN notify.compounds k ON k.id = d.compound_id
        """

    /// The tasks in the principal's scope, oldest first after the cursor.
    static func list(
        in principal: Principal,
        compoundID: Int?,
        openOnly: Bool,
        after: Int?,
        limit: Int,
        on connection: isolated PostgresConnection
    ) throws -> [CopyTask] {
        try connection.query(
            """
            \(select)
            WHERE d.channel = 'copy-task' AND \(CompoundScope.filter(principal, column: "d.compound_id", path: "k.area_path"))
              AND (\(compoundID)::int8 IS NULL OR d.compound_id = \(compoundID)) AND (NOT \(openOnly) OR d.status <> \(DeliveryStatus.sent))
              AND d.id > \(after ?? 0)
            ORDER BY d.id LIMIT \(limit)
            """
        ).decode(CopyTask.self)
    }

    static func find(_ id: Int, on connection: isolated PostgresConnection) throws -> CopyTask? {
        try connection.query("\(select) WHERE d.id = \(id) AND d.channel = 'copy-task'").decode(CopyTask.self).first
    }
}
