import Foundation
import Hummingbird
import ServiceKit

/// The three heads over HTTP: `/v1/compounds/{id}/head-units`, `…/coverage`, `/v1/head-units/{id}/households`,
/// `/v1/head-units/{id}/assignments` and `/v1/head-assignments/{id}/end`.
struct HeadRoutes {
    let desk: HeadDesk

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/compounds/{id}/head-units") { request, context in
            let principal = try context.requirePrincipal()
            let compoundID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(NewUnit.self, context: context)
            return EditedResponse(status: .created, response: try await desk.createUnit(body, compoundID: compoundID, by: principal))
        }
        router.get("/v1/compounds/{id}/head-units") { _, context in
            let principal = try context.requirePrincipal()
            return try await desk.units(compoundID: try context.parameters.require("id", as: Int.self), by: principal)
        }
        router.get("/v1/compounds/{id}/coverage") { _, context in
            let principal = try context.requirePrincipal()
            return try await desk.coverage(compoundID: try context.parameters.require("id", as: Int.self), by: principal)
        }
        router.put("/v1/head-units/{id}/households") { request, context in
            let caller = try context.caller()
            let unitID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(UnitHouseholds.self, context: context)
            return try await desk.setHouseholds(unitID, Array(Set(body.householdIDs)).sorted(), by: caller)
        }
        router.post("/v1/head-units/{id}/assignments") { request, context in
            let caller = try context.caller()
            let unitID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(NewAssignment.self, context: context)
            return EditedResponse(status: .created, response: try await desk.assign(unitID, body, by: caller))
        }
        router.post("/v1/head-assignments/{id}/end") { request, context in
            let caller = try context.caller()
            let assignmentID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(AssignmentEnding.self, context: context)
            try await desk.end(assignmentID, body, by: caller)
            return Response(status: .noContent)
        }
    }
}
