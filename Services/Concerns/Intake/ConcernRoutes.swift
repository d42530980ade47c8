import Foundation
import Hummingbird
import Models
import Postgres
import ServiceKit

/// `/v1/concerns…`: intake, lists and search, one concern as the caller may see it, duplicate
/// suggestions, transitions, notes, owners and "me too"s; each route calls one ``ConcernDesk`` method.
struct ConcernRoutes {
    let desk: ConcernDesk

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/concerns") { request, context in
            let new = try await request.decodeBody(NewConcern.self, context: context)
            let raised = try await desk.raise(new, by: try context.requirePrincipal(), requestID: context.requestID)
            return EditedResponse(status: .created, response: raised)
        }
        router.get("/v1/concerns") { request, context in try await list(request, context) }
        router.get("/v1/concerns/duplicates") { request, context in try await duplicates(request, context) }
        router.get("/v1/concerns/{id}") { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            return try await desk.concern(id, by: try context.requirePrincipal())
        }
        router.post("/v1/concerns/{id}/transitions") { request, context in
            let body = try await request.decodeBody(TransitionRequest.self, context: context)
            let id = try context.parameters.require("id", as: Int.self)
            return try await desk.transition(id, body, by: try context.requirePrincipal(), requestID: context.requestID)
        }
        router.post("/v1/concerns/{id}/updates") { request, context in
            let body = try await request.decodeBody(NoteRequest.self, context: context)
            let id = try context.parameters.require("id", as: Int.self)
            return try await desk.note(id, body, by: try context.requirePrincipal(), requestID: context.requestID)
        }
        router.put("/v1/concerns/{id}/owner") { request, context in
            let body = try await request.decodeBody(OwnerRequest.self, context: context)
            let id = try context.parameters.require("id", as: Int.self)
            return try await desk.assign(id, body, by: try context.requirePrincipal(), requestID: context.requestID)
        }
        router.post("/v1/concerns/{id}/me-too") { request, context in
            let body = try await request.decodeBody(MeTooRequest.self, context: context)
            let id = try context.parameters.require("id", as: Int.self)
            return try await desk.meToo(id, body, by: try context.requirePrincipal(), requestID: context.requestID)
        }
    }

    private func list(_ request: Request, _ context: LinliRequestContext) async throws -> Page<ConcernListItem> {
        let principal = try context.requirePrincipal()
        try ConcernDesk.mayList(principal)
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
        return try await desk.list(filter, by: principal)
    }

    private func duplicates(_ request: Request, _ context: LinliRequestContext) async throws -> [DuplicateSuggestion] {
        let principal = try context.requirePrincipal()
        guard let category = try request.textParameter("category", maxLength: 40) else { throw APIError.invalid("category", "is required") }
        guard let title = try request.textParameter("title", maxLength: 100) else { throw APIError.invalid("title", "is required") }
        let description = try request.textParameter("description", maxLength: 2_000) ?? ""
        let compoundID = try request.integerParameter("compoundID")
        return try await desk.duplicates(category: category, title: title, description: description, compoundID: compoundID, by: principal)
    }
}

extension RaisedConcern: ResponseEncodable {}
extension MeTooOutcome: ResponseEncodable {}
