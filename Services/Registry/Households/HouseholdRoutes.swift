import Foundation
import Hummingbird
import ServiceKit

/// Buildings and households: `/v1/compounds/{id}/buildings`, `/v1/households…`.
struct HouseholdRoutes {
    let desk: HouseholdDesk

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/compounds/{id}/buildings") { request, context in
            let principal = try context.requirePrincipal()
            let compoundID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(NewBuilding.self, context: context)
            return EditedResponse(status: .created, response: try await desk.addBuilding(body, compoundID: compoundID, by: principal))
        }
        router.get("/v1/compounds/{id}/buildings") { _, context in
            let principal = try context.requirePrincipal()
            return try await desk.buildings(compoundID: try context.parameters.require("id", as: Int.self), by: principal)
        }
        router.post("/v1/households") { request, context in
            let caller = try context.caller()
            let body = try await request.decodeBody(NewHousehold.self, context: context)
            return EditedResponse(status: .created, response: try await desk.createHousehold(body, by: caller))
        }
        router.get("/v1/households/{id}") { _, context in
            let principal = try context.requirePrincipal()
            return try await desk.household(try context.parameters.require("id", as: Int.self), by: principal)
        }
        router.get("/v1/compounds/{id}/households") { request, context in
            let principal = try context.requirePrincipal()
            let compoundID = try context.parameters.require("id", as: Int.self)
            let limit = try Pagination.limit(request)
            let after = try Pagination.after(request) ?? 0
            let items = try await desk.households(compoundID: compoundID, after: after, limit: limit, by: principal)
            return Page(items: items, next: items.count == limit ? items.last.map { String($0.id) } : nil)
        }
        router.post("/v1/households/{id}/dissolve") { _, context in
            let caller = try context.caller()
            try await desk.dissolve(try context.parameters.require("id", as: Int.self), by: caller)
            return Response(status: .noContent)
        }
    }
}
