import Foundation
import Hummingbird
import JobQueue
import Postgres
import ServiceKit

/// `/v1/copy-tasks…`: messages for group chats without a robot, for the group's owner to copy in;
/// ticking one done ends its delivery.
struct CopyTaskRoutes {
    let jobs: JobQueue
    let clock: WallClock

    var desk: CopyTaskDesk { CopyTaskDesk(jobs: jobs, clock: clock) }

    func add(to router: Router<LinliRequestContext>) {
        router.get("/v1/copy-tasks") { request, context in
            let principal = try Access.staff(try context.requirePrincipal())
            let compound = try request.integerParameter("compoundID")
            // `done=false` lists the open tasks; without it (or with `done=true`) every task is listed.
            let openOnly = try request.uri.queryParameters["done"] != nil && !request.booleanParameter("done")
            let limit = try Pagination.limit(request)
            let after = try Pagination.after(request)
            return try await desk.list(by: principal, compoundID: compound, openOnly: openOnly, after: after, limit: limit)
        }
        router.post("/v1/copy-tasks/{id}/done") { _, context in
            let principal = try Access.staff(try context.requirePrincipal())
            return try await desk.markDone(try context.parameters.require("id", as: Int.self), by: principal)
        }
    }
}

extension CopyTask: ResponseEncodable {}
