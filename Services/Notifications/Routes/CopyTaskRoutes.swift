import Foundation
import Hummingbird
import JobQueue
import Postgres
import ServiceKit

/// `/v1/copy-tasks…`: messages for group chats without a robot, for the group's owner to copy in;
/// ticking one done ends its delivery.
struct CopyTaskRoutes {
    let jobs: JobQueue

    /// A copy task.
    struct CopyTask: Codable, Sendable, ResponseEncodable {
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

    static let select: SQL = """
        SELECT d.id, d.compound_id, d.recipient_id AS group_chat_id, coalesce(c.name, '') AS group_chat, m.kind, m.title,
               coalesce(m.contents ->> 'copy-task', '') AS text, d.status = 'sent' AS done, d.sent_by AS done_by, d.created_at,
               d.finished_at AS done_at
        FROM notify.deliveries d JOIN notify.messages m ON m.id = d.message_id
        LEFT JOIN notify.group_chats c ON c.id = d.recipient_id LEFT JOIN notify.compounds k ON k.id = d.compound_id
        """

    func add(to router: Router<LinliRequestContext>) {
        router.get("/v1/copy-tasks") { request, context in
            let principal = try Access.staff(context)
            let compound = try Access.integer(
                "compoundID",
                in: Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }) { $1 }
            )
            let openOnly = request.uri.queryParameters["done"] == "false"
            let limit = try Pagination.limit(request)
            let after = try Pagination.after(request)
            let tasks = try await jobs.pool.query(
                """
                \(Self.select)
                WHERE d.channel = 'copy-task' AND \(Access.compoundFilter(principal, column: "d.compound_id", path: "k.area_path"))
                  AND (\(compound)::int8 IS NULL OR d.compound_id = \(compound)) AND (NOT \(openOnly) OR d.status <> 'sent')
                  AND d.id > \(after ?? 0)
                ORDER BY d.id LIMIT \(limit)
                """
            ).decode(CopyTask.self)
            return Page(items: tasks, next: tasks.count == limit ? tasks.last.map { String($0.id) } : nil)
        }
        router.post("/v1/copy-tasks/{id}/done") { _, context in
            let principal = try Access.staff(context)
            let id = try context.parameters.require("id", as: Int.self)
            return try await jobs.withTransaction { tx, outbox in
                guard let task = try tx.query("\(Self.select) WHERE d.id = \(id) AND d.channel = 'copy-task'").decode(CopyTask.self).first,
                    principal.covers(try Access.compoundScope(task.compoundID, on: tx))
                else { throw APIError.notFound("copy task") }
                if !task.done, let delivery = try DeliveryStore.load(id, on: tx) {
                    try DeliveryStore.end(delivery, status: "sent", error: nil, response: nil, worker: principal.subject, on: tx, outbox: outbox)
                }
                return try tx.query("\(Self.select) WHERE d.id = \(id)").decode(CopyTask.self)[0]
            }
        }
    }
}
