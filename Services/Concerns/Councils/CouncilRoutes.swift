import Foundation
import Hummingbird
import Models
import Postgres
import ServiceKit

/// `/v1/councils…`: one four-party council per compound and its seats; each route calls one
/// ``CouncilDesk`` method.
struct CouncilRoutes {
    let runtime: LinliRuntime

    var desk: CouncilDesk { CouncilDesk(pool: runtime.pool, clock: runtime.clock) }

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/councils") { request, context in
            let new = try await request.decodeBody(NewCouncil.self, context: context)
            let council = try await desk.create(new, by: try context.requirePrincipal())
            return EditedResponse(status: .created, response: council)
        }
        router.get("/v1/councils") { request, context in
            let principal = try context.requirePrincipal()
            return try await desk.councils(compoundID: try request.integerParameter("compoundID"), by: principal)
        }
        router.get("/v1/councils/{id}") { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            return try await desk.council(id, by: try context.requirePrincipal())
        }
        router.post("/v1/councils/{id}/seats") { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let seat = try await request.decodeBody(NewSeat.self, context: context)
            let added = try await desk.addSeat(seat, to: id, by: try context.requirePrincipal())
            return EditedResponse(status: .created, response: added)
        }
        router.delete("/v1/councils/{id}/seats/{seatID}") { _, context in
            let (id, seatID) = (try context.parameters.require("id", as: Int.self), try context.parameters.require("seatID", as: Int.self))
            try await desk.endSeat(seatID, of: id, by: try context.requirePrincipal())
            return Response(status: .noContent)
        }
    }
}
