import Foundation
import Hummingbird
import ServiceKit

/// `/v1/areas` and `/v1/compounds`.
struct TerritoryRoutes {
    let desk: TerritoryDesk

    func add(to router: Router<LinliRequestContext>) {
        router.get("/v1/areas") { _, context in try await desk.areas(by: try context.requirePrincipal()) }
        router.post("/v1/areas") { request, context in
            let body = try await request.decodeBody(NewArea.self, context: context)
            return EditedResponse(status: .created, response: try await desk.createArea(body, by: try context.requirePrincipal()))
        }
        router.get("/v1/compounds") { request, context in
            let principal = try context.requirePrincipal()
            let limit = try Pagination.limit(request)
            let after = try Pagination.after(request)
            let areaID = try request.integerParameter("areaID")
            let compounds = try await desk.compounds(areaID: areaID, after: after, limit: limit, by: principal)
            return Page(items: compounds, next: compounds.count == limit ? compounds.last.map { String($0.id) } : nil)
        }
        router.post("/v1/compounds") { request, context in
            let body = try await request.decodeBody(NewCompound.self, context: context)
            return EditedResponse(status: .created, response: try await desk.createCompound(body, by: try context.caller()))
        }
        router.get("/v1/compounds/{id}") { _, context in
            let principal = try context.requirePrincipal()
            return try await desk.compound(try context.parameters.require("id", as: Int.self), by: principal)
        }
    }
}
