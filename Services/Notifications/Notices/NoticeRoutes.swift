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

    var desk: NoticeDesk { NoticeDesk(jobs: jobs, fanout: fanout) }

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/notices") { request, context in
            let principal = try Access.staff(try context.requirePrincipal())
            let notice = try await request.decodeBody(NewNotice.self, context: context)
            let key = request.headers[.init("Idempotency-Key")!].map { "notice:\(principal.subject):\($0)" } ?? "notice:\(UUID().uuidString)"
            return EditedResponse(status: .accepted, response: try await desk.send(notice, key: key, by: principal))
        }
    }
}

extension SentNotice: ResponseEncodable {}
