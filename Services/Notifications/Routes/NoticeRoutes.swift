import Foundation
import Hummingbird
import JobQueue
import Postgres
import ServiceKit

/// `POST /v1/notices`: a notice from staff to the group chats of the compounds in their scope (or
/// of an area, or of chosen compounds) — a robot message each, or a copy task where there is no robot.
///
/// An `Idempotency-Key` header makes a retried request a no-op.
struct NoticeRoutes {
    let jobs: JobQueue
    let fanout: Fanout

    struct NewNotice: Decodable, Sendable {
        var title: String
        var body: String
        /// Send to the compounds under this area…
        var areaID: Int?
        /// …or to these compounds; with neither, to every compound in the caller's scope.
        var compoundIDs: [Int]?
    }

    struct Sent: Codable, Sendable, ResponseEncodable {
        var messageID: Int?
        var compounds: Int
        var robotMessages: Int
        var copyTasks: Int
    }

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/notices") { request, context in
            let principal = try Access.staff(context)
            let notice = try await request.decodeBody(NewNotice.self, context: context)
            var problems: [APIError.FieldError] = []
            if notice.title.isEmpty || notice.title.utf8.count > 120 { problems.append(.init(field: "title", message: "must be 1–120 bytes")) }
            if notice.body.isEmpty || notice.body.utf8.count > RobotMessage.textLimit {
                problems.append(.init(field: "body", message: "must be 1–\(RobotMessage.textLimit) bytes"))
            }
            guard problems.isEmpty else { throw APIError.validation(problems) }
            let key = request.headers[.init("Idempotency-Key")!].map { "notice:\(principal.subject):\($0)" } ?? "notice:\(UUID().uuidString)"
            let fanout = self.fanout
            let sent = try await jobs.withTransaction { tx, outbox in
                let compounds = try tx.query(
                    """
                    SELECT c.id FROM notify.compounds c
                    WHERE \(Access.compoundFilter(principal, column: "c.id", path: "c.area_path"))
                      AND (\(notice.areaID)::int8 IS NULL OR \(notice.areaID) = ANY (c.area_path))
                      AND (\(notice.compoundIDs)::int8[] IS NULL OR c.id = ANY (\(notice.compoundIDs)))
                    ORDER BY c.id
                    """
                ).column("id", as: Int.self)
                if let asked = notice.compoundIDs, Set(asked) != Set(compounds) {
                    throw APIError.invalid("compoundIDs", "includes compounds that do not exist or are outside your scope")
                }
                guard !compounds.isEmpty else { throw APIError.invalid(notice.areaID == nil ? "compoundIDs" : "areaID", "covers no compound") }
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
                return Sent(messageID: result.messageID, compounds: compounds.count, robotMessages: result.robotMessages, copyTasks: result.copyTasks)
            }
            return EditedResponse(status: .accepted, response: sent)
        }
    }
}
