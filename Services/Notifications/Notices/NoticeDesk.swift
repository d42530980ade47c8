import Foundation
import JobQueue
import Postgres
import ServiceKit

/// A notice from staff.
struct NewNotice: Decodable, Sendable {
    var title: String
    var body: String
    /// Send to the compounds under this area…
    var areaID: Int?
    /// …or to these compounds; with neither, to every compound in the caller's scope.
    var compoundIDs: [Int]?
}

/// What a notice made.
struct SentNotice: Codable, Sendable {
    var messageID: Int?
    var compounds: Int
    var robotMessages: Int
    var copyTasks: Int
}

/// Notices from staff to the group chats of the compounds in their scope (or of an area, or of
/// chosen compounds): a robot message each, or a copy task where there is no robot.
struct NoticeDesk {
    let jobs: JobQueue
    let fanout: Fanout

    /// Sends a notice once per `key` (a retry with the same key makes nothing new).
    func send(_ notice: NewNotice, key: String, by principal: Principal) async throws -> SentNotice {
        try Self.check(notice)
        let fanout = self.fanout
        return try await jobs.withTransaction { tx, outbox in
            let compounds = try NoticeStore.compounds(in: principal, areaID: notice.areaID, compoundIDs: notice.compoundIDs, on: tx)
            if let asked = notice.compoundIDs, Set(asked) != Set(compounds) {
                throw Refusal.invalid("compoundIDs", "includes compounds that do not exist or are outside your scope")
            }
            guard !compounds.isEmpty else { throw Refusal.invalid(notice.areaID == nil ? "compoundIDs" : "areaID", "covers no compound") }
            let message = NewMessage(
                sourceKey: key,
                kind: MessageKind.notice,
                compoundID: compounds.count == 1 ? compounds[0] : nil,
                areaPath: notice.areaID.map { [$0] } ?? [],
                context: ["title": .text(notice.title), "body": .text(notice.body)],
                audience: .nobody,
                groupCompoundIDs: compounds
            )
            let result = try fanout.make(message, on: tx, outbox: outbox)
            return SentNotice(
                messageID: result.messageID,
                compounds: compounds.count,
                robotMessages: result.robotMessages,
                copyTasks: result.copyTasks
            )
        }
    }

    /// Names the title or body that is empty or too long.
    static func check(_ notice: NewNotice) throws {
        var problems: [Refusal.Field] = []
        if notice.title.isEmpty || notice.title.utf8.count > 120 { problems.append(.init(field: "title", message: "must be 1–120 bytes")) }
        if notice.body.isEmpty || notice.body.utf8.count > RobotMessage.textLimit {
            problems.append(.init(field: "body", message: "must be 1–\(RobotMessage.textLimit) bytes"))
        }
        guard problems.isEmpty else { throw Refusal.invalid(problems) }
    }
}
