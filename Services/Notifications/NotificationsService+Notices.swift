import Foundation
import JobQueue
import Postgres
import ServiceKit

/// What sending a notice made.
public struct NoticeResult: Sendable, Equatable {
    /// `nil` when a notice with the same key was already sent.
    public let messageID: Int?
    public let robotMessages: Int
    public let copyTasks: Int
}

extension NotificationsService {
    /// Sends a notice to the group chats of these compounds, with no scope check (for operators'
    /// tools and benchmarks; the HTTP route checks the caller's scope first).
    /// - Parameter key: makes the notice once: a second call with the same key sends nothing.
    public func sendNotice(title: String, body: String, compoundIDs: [Int], key: String) async throws -> NoticeResult {
        let fanout = self.fanout
        let message = NewMessage(
            sourceKey: "notice:\(key)",
            kind: MessageKind.notice,
            compoundID: compoundIDs.count == 1 ? compoundIDs[0] : nil,
            context: ["title": .text(title), "body": .text(body)],
            audience: .nobody,
            groupCompoundIDs: compoundIDs
        )
        let result = try await runtime.jobs.withTransaction { tx, outbox in try fanout.make(message, on: tx, outbox: outbox) }
        return NoticeResult(messageID: result.messageID, robotMessages: result.robotMessages, copyTasks: result.copyTasks)
    }
}
