import Foundation
import Hummingbird
import Models
import Postgres
import ServiceKit

/// `/v1/meetings/{id}/decisions` and `/v1/action-items…`: decisions of quorate meetings, their
/// action items and the items' progress; each route calls one ``DecisionDesk`` method.
struct DecisionRoutes {
    let runtime: LinliRuntime
    let configuration: ConcernsConfiguration

    var desk: DecisionDesk { DecisionDesk(jobs: runtime.jobs, configuration: configuration, clock: runtime.clock) }

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/meetings/{id}/decisions") { request, context in
            let body = try await request.decodeBody(NewDecision.self, context: context)
            let id = try context.parameters.require("id", as: Int.self)
            let decision = try await desk.record(id, body, by: try context.requirePrincipal(), requestID: context.requestID)
            return EditedResponse(status: .created, response: decision)
        }
        router.get("/v1/action-items") { request, context in
            let principal = try context.requirePrincipal()
            let compoundID = try request.integerParameter("compoundID")
            let ownerParty = try request.choiceParameter("ownerParty", in: CouncilParty.all.map(\.rawValue))
            let openOnly = try request.booleanParameter("open")
            let (limit, before) = (try Pagination.limit(request), try Pagination.after(request))
            return try await desk.actionItems(
                compoundID: compoundID,
                ownerParty: ownerParty,
                openOnly: openOnly,
                before: before,
                limit: limit,
                by: principal
            )
        }
        router.post("/v1/action-items/{id}/progress") { request, context in
            let body = try await request.decodeBody(ProgressRequest.self, context: context)
            let id = try context.parameters.require("id", as: Int.self)
            return try await desk.progress(id, body, by: try context.requirePrincipal())
        }
    }
}
