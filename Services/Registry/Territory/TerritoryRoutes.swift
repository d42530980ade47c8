import Foundation
import Hummingbird
import JobQueue
import Models
import Postgres
import ServiceKit

/// `/v1/areas` and `/v1/compounds`.
struct TerritoryRoutes {
    let runtime: LinliRuntime

    func add(to router: Router<LinliRequestContext>) {
        router.get("/v1/areas") { _, context in try await listAreas(context) }
        router.post("/v1/areas") { request, context in
            let area = try await createArea(try await request.decodeBody(NewArea.self, context: context), context)
            return EditedResponse(status: .created, response: area)
        }
        router.get("/v1/compounds") { request, context in try await listCompounds(request, context) }
        router.post("/v1/compounds") { request, context in
            let compound = try await createCompound(try await request.decodeBody(NewCompound.self, context: context), context)
            return EditedResponse(status: .created, response: compound)
        }
        router.get("/v1/compounds/{id}") { _, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id", as: Int.self)
            guard let compound = try await TerritoryStore.compound(id, pool: runtime.pool),
                principal.covers(ObjectScope(areaPath: compound.areaPath, compoundID: compound.id))
            else { throw APIError.notFound("compound") }
            return compound
        }
    }

    private func listAreas(_ context: LinliRequestContext) async throws -> [Area] {
        let principal = try context.requirePrincipal()
        let areas = try await TerritoryStore.areas(pool: runtime.pool)
        return areas.filter { principal.role == .admin || principal.covers(ObjectScope(areaPath: $0.path)) }
    }

    private func createArea(_ new: NewArea, _ context: LinliRequestContext) async throws -> Area {
        let principal = try context.requirePrincipal()
        guard principal.has(.admin, .district) else { throw APIError.forbidden("only administrators and district offices add areas") }
        let name = new.name.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [APIError.FieldError] = []
        if !Area.levels.contains(new.level) {
            problems.append(.init(field: "level", message: "must be one of \(Area.levels.joined(separator: ", "))"))
        }
        if name.isEmpty || name.count > 100 { problems.append(.init(field: "name", message: "must be 1–100 characters")) }
        guard problems.isEmpty else { throw APIError.validation(problems) }
        return try await runtime.pool.withTransaction { tx in
            var parentPath: [Int] = []
            if let parentID = new.parentID {
                guard let parent = try TerritoryStore.area(parentID, on: tx) else { throw APIError.invalid("parentID", "no such area") }
                guard principal.role == .admin || principal.covers(ObjectScope(areaPath: parent.path)) else {
                    throw APIError.invalid("parentID", "no such area")
                }
                guard Area.levels.firstIndex(of: new.level) == (Area.levels.firstIndex(of: parent.level) ?? -2) + 1 else {
                    throw APIError.invalid(
                        "level",
                        "a \(parent.level) contains \(Area.levels[min(3, (Area.levels.firstIndex(of: parent.level) ?? 0) + 1)]) areas"
                    )
                }
                parentPath = parent.path
            } else {
                guard principal.role == .admin, new.level == "city" else { throw APIError.invalid("parentID", "only a city has no parent") }
            }
            return try TerritoryStore.insertArea(parentID: new.parentID, level: new.level, name: name, parentPath: parentPath, on: tx)
        }
    }

    private func listCompounds(_ request: Request, _ context: LinliRequestContext) async throws -> Page<Compound> {
        let principal = try context.requirePrincipal()
        let limit = try Pagination.limit(request)
        let after = try Pagination.after(request)
        let areaID = try request.uri.queryParameters["areaID"].map { text in
            guard let value = Int(text) else { throw APIError.invalid("areaID", "must be an area id") }
            return value
        }
        let scope = CompoundFilter(principal: principal, areaID: areaID)
        let compounds = try await TerritoryStore.compounds(scope, after: after, limit: limit, pool: runtime.pool)
        return Page(items: compounds, next: compounds.count == limit ? compounds.last.map { String($0.id) } : nil)
    }

    private func createCompound(_ new: NewCompound, _ context: LinliRequestContext) async throws -> Compound {
        let principal = try context.requirePrincipal()
        guard principal.has(.admin, .district) else { throw APIError.forbidden("only administrators and district offices add compounds") }
        let name = new.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 100 else { throw APIError.invalid("name", "must be 1–100 characters") }
        return try await runtime.jobs.withTransaction { tx, outbox in
            guard let area = try TerritoryStore.area(new.areaID, on: tx),
                principal.covers(ObjectScope(areaPath: area.path)) || principal.role == .admin
            else { throw APIError.invalid("areaID", "no such area") }
            let compound = try TerritoryStore.insertCompound(new, name: name, area: area, on: tx)
            try outbox.publish(
                CompoundChanged(
                    compoundID: compound.id,
                    name: compound.name,
                    areaPath: compound.areaPath,
                    gridIDs: compound.gridID.map { [$0] } ?? [],
                    hasPartyBranch: false,
                    hasOwnersCommittee: false,
                    hasPropertyCompany: false,
                    hasRedProperty: false,
                    revision: compound.revision
                ),
                correlationID: context.requestID,
                on: tx
            )
            return compound
        }
    }
}
