import Foundation
import Hummingbird
import Models
import Postgres
import ServiceKit

/// `/v1/concerns…`: intake, lists and search, one concern as the caller may see it, duplicate suggestions.
struct ConcernRoutes {
    let runtime: LinliRuntime
    let configuration: ConcernsConfiguration

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/concerns") { request, context in
            let raised = try await raise(try await request.decodeBody(NewConcern.self, context: context), context)
            return EditedResponse(status: .created, response: raised)
        }
        router.get("/v1/concerns") { request, context in try await list(request, context) }
        router.get("/v1/concerns/duplicates") { request, context in try await duplicates(request, context) }
        router.get("/v1/concerns/{id}") { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            return try await runtime.pool.withConnection { connection in
                let viewer = try Viewer.load(try context.requirePrincipal(), on: connection)
                guard let record = try ConcernStore.concern(id, on: connection) else { throw APIError.notFound("concern") }
                return try view(record, viewer: viewer, on: connection)
            }
        }
        router.post("/v1/concerns/{id}/transitions") { request, context in
            let body = try await request.decodeBody(TransitionRequest.self, context: context)
            return try await transition(try context.parameters.require("id", as: Int.self), body, context)
        }
        router.post("/v1/concerns/{id}/updates") { request, context in
            let body = try await request.decodeBody(NoteRequest.self, context: context)
            return try await note(try context.parameters.require("id", as: Int.self), body, context)
        }
        router.put("/v1/concerns/{id}/owner") { request, context in
            let body = try await request.decodeBody(OwnerRequest.self, context: context)
            return try await assign(try context.parameters.require("id", as: Int.self), body, context)
        }
        router.post("/v1/concerns/{id}/me-too") { request, context in
            let body = try await request.decodeBody(MeTooRequest.self, context: context)
            return try await meToo(try context.parameters.require("id", as: Int.self), body, context)
        }
    }

    /// The concern as the viewer may see it; 404 if they may not see it at all.
    func view(_ record: ConcernRecord, viewer: Viewer, on connection: isolated PostgresConnection) throws -> ConcernView {
        let access = viewer.access(to: record)
        guard access > .none else { throw APIError.notFound("concern") }
        var updates = try ConcernStore.updates(of: record.id, includeInternal: access >= .owner, on: connection)
        if access < .staff {
            for index in updates.indices { updates[index].author = nil }
        }
        var reporter: Reporter?
        if access >= .own, let id = record.reporterResidentID {
            let known = try ConcernStore.reporter(id, on: connection)
            let phone = access == .staff && viewer.principal.maySeePersonalData ? known?.phone : nil
            reporter = Reporter(residentID: id, name: known?.name, phone: phone)
        }
        return ConcernView(record, access: access, updates: updates, reporter: reporter, reopenWindow: configuration.reopenWindow)
    }

    private func list(_ request: Request, _ context: LinliRequestContext) async throws -> Page<ConcernListItem> {
        let principal = try context.requirePrincipal()
        guard principal.role != .dashboard else { throw APIError.forbidden("dashboards read aggregates from analytics") }
        var filter = ConcernFilter()
        filter.limit = try Pagination.limit(request)
        filter.before = try Pagination.after(request)
        filter.state = try request.choiceParameter("state", in: ConcernState.allCases.map(\.rawValue))
        filter.category = try request.textParameter("category", maxLength: 40)
        filter.compoundID = try request.integerParameter("compoundID")
        filter.ownerParty = try request.choiceParameter("ownerParty", in: CouncilParty.all.map(\.rawValue))
        filter.mine = try request.booleanParameter("mine")
        filter.overdue = try request.booleanParameter("overdue")
        if let words = try request.textParameter("q", maxLength: 100) {
            guard let query = SearchTerms.query(words) else { throw APIError.invalid("q", "must contain a letter or a number") }
            filter.searchQuery = query
        }
        let query = filter
        let items = try await runtime.pool.withConnection { connection in
            try ConcernStore.list(query, viewer: try Viewer.load(principal, on: connection), on: connection)
        }
        return Page(items: items, next: items.count == filter.limit ? items.last.map { String($0.id) } : nil)
    }

    private func duplicates(_ request: Request, _ context: LinliRequestContext) async throws -> [DuplicateSuggestion] {
        let principal = try context.requirePrincipal()
        guard let category = try request.textParameter("category", maxLength: 40) else { throw APIError.invalid("category", "is required") }
        guard let title = try request.textParameter("title", maxLength: 100) else { throw APIError.invalid("title", "is required") }
        let description = try request.textParameter("description", maxLength: 2_000) ?? ""
        let asked = try request.integerParameter("compoundID")
        return try await runtime.pool.withConnection { connection in
            let viewer = try Viewer.load(principal, on: connection)
            guard let compoundID = asked ?? viewer.compound, let compound = try CompoundRow.load(compoundID, on: connection),
                viewer.isStaff(areaPath: compound.areaPath, compoundID: compound.id) || viewer.memberCompounds.contains(compound.id)
            else { throw APIError.invalid("compoundID", asked == nil ? "is required" : "no such compound") }
            return try ConcernStore.duplicates(
                compoundID: compound.id,
                category: category,
                titleTerms: SearchTerms.of(title),
                allTerms: SearchTerms.of(title + "\n" + description),
                threshold: configuration.duplicateThreshold,
                excluding: nil,
                reopenWindow: configuration.reopenWindow,
                on: connection
            )
        }
    }
}
