import Foundation
import Hummingbird
import JobQueue
import Models
import Postgres
import ServiceKit

/// Buildings and households: `/v1/compounds/{id}/buildings`, `/v1/households…`.
struct HouseholdRoutes {
    let runtime: LinliRuntime

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/compounds/{id}/buildings") { request, context in
            let principal = try context.requirePrincipal()
            let compoundID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(NewBuilding.self, context: context)
            let name = try Validate.text(body.name, field: "name", max: 50)
            let building = try await runtime.pool.withTransaction { tx in
                _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
                return try HouseholdStore.insertBuilding(compoundID: compoundID, name: name, on: tx)
            }
            return EditedResponse(status: .created, response: building)
        }
        router.get("/v1/compounds/{id}/buildings") { _, context in
            let principal = try context.requirePrincipal()
            let compoundID = try context.parameters.require("id", as: Int.self)
            return try await runtime.pool.withConnection { tx in
                _ = try Access.require(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
                return try HouseholdStore.buildings(compoundID: compoundID, on: tx)
            }
        }
        router.post("/v1/households") { request, context in
            let principal = try context.requirePrincipal()
            let body = try await request.decodeBody(NewHousehold.self, context: context)
            let dwelling = try Validate.text(body.dwelling, field: "dwelling", max: 50)
            let household = try await runtime.jobs.withTransaction { tx, outbox in
                _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(body.compoundID, on: tx), "compound")
                let id = try HouseholdStore.insertHousehold(body, dwelling: dwelling, on: tx)
                try outbox.publish(try RegistryEvents.householdChanged(id, on: tx), correlationID: context.requestID, on: tx)
                return try HouseholdStore.households(compoundID: nil, ids: [id], after: 0, limit: 1, on: tx)[0]
            }
            return EditedResponse(status: .created, response: household)
        }
        router.get("/v1/households/{id}") { _, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id", as: Int.self)
            return try await runtime.pool.withConnection { tx in
                _ = try Access.require(principal, covers: try RegistryScopes.household(id, on: tx), "household")
                return try HouseholdStore.households(compoundID: nil, ids: [id], after: 0, limit: 1, on: tx)[0]
            }
        }
        router.get("/v1/compounds/{id}/households") { request, context in
            let principal = try context.requirePrincipal()
            let compoundID = try context.parameters.require("id", as: Int.self)
            let limit = try Pagination.limit(request)
            let after = try Pagination.after(request) ?? 0
            let items = try await runtime.pool.withConnection { tx in
                guard let scope = try RegistryScopes.compound(compoundID, on: tx) else { throw APIError.notFound("compound") }
                // Heads see the households they cover; staff their compounds' households.
                let ids: [Int]? = principal.role == .head ? principal.householdIDs : nil
                guard principal.role == .head || principal.covers(scope) else { throw APIError.notFound("compound") }
                return try HouseholdStore.households(compoundID: compoundID, ids: ids, after: after, limit: limit, on: tx)
            }
            return Page(items: items, next: items.count == limit ? items.last.map { String($0.id) } : nil)
        }
        router.post("/v1/households/{id}/dissolve") { _, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id", as: Int.self)
            try await runtime.jobs.withTransaction { tx, outbox in
                _ = try Access.requireManage(principal, covers: try RegistryScopes.household(id, on: tx), "household")
                let members = try tx.query("SELECT count(*) FROM registry.residents WHERE household_id = \(id)").scalar(Int.self) ?? 0
                guard members == 0 else { throw APIError.conflict("move its \(members) members out first", code: "household-not-empty") }
                try tx.execute("UPDATE registry.households SET dissolved_at = now() WHERE id = \(id)")
                try outbox.publish(try RegistryEvents.householdChanged(id, on: tx), correlationID: context.requestID, on: tx)
            }
            return Response(status: .noContent)
        }
    }
}
