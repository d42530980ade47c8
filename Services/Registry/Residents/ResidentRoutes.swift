import Foundation
import Hummingbird
import ServiceKit

/// Residents: register, read, correct, move, their history, and `GET /v1/residents` (by compound,
/// name prefix or masked phone, by id with a cursor).
struct ResidentRoutes {
    let desk: ResidentDesk

    func add(to router: Router<LinliRequestContext>) {
        router.get("/v1/residents") { request, context in
            let principal = try context.requirePrincipal()
            let filter = try Self.filter(request)
            let residents = try await desk.search(filter, by: principal)
            return Page(items: residents, next: residents.count == filter.limit ? residents.last.map { String($0.id) } : nil)
        }
        router.post("/v1/residents") { request, context in
            let caller = try context.caller()
            let body = try await request.decodeBody(NewResident.self, context: context)
            return EditedResponse(status: .created, response: try await desk.register(body, by: caller))
        }
        router.get("/v1/residents/{id}") { _, context in
            let principal = try context.requirePrincipal()
            return try await desk.resident(try context.parameters.require("id", as: Int.self), by: principal)
        }
        router.patch("/v1/residents/{id}") { request, context in
            let caller = try context.caller()
            let id = try context.parameters.require("id", as: Int.self)
            let patch = try await request.decodeBody(ResidentPatch.self, context: context)
            return try await desk.update(id, with: patch, by: caller)
        }
        router.get("/v1/residents/{id}/history") { _, context in
            let principal = try context.requirePrincipal()
            return try await desk.history(try context.parameters.require("id", as: Int.self), by: principal)
        }
        router.post("/v1/residents/{id}/move") { request, context in
            let caller = try context.caller()
            let id = try context.parameters.require("id", as: Int.self)
            let move = try await request.decodeBody(ResidentMove.self, context: context)
            return try await desk.move(id, move, by: caller)
        }
    }

    /// The search's query parameters: `compoundID`, `name` (a prefix), `phone` (masked), `after`, `limit`.
    static func filter(_ request: Request) throws -> ResidentFilter {
        let compoundID = try request.integerParameter("compoundID")
        let name = try request.textParameter("name", maxLength: 50)
        let phone = try request.uri.queryParameters["phone"].map { text in
            guard let masked = ChinesePhone.maskedQuery(String(text)) else {
                throw APIError.invalid("phone", "must be a masked number such as 138****1234")
            }
            return masked
        }
        return ResidentFilter(
            compoundID: compoundID,
            namePrefix: name,
            phone: phone,
            after: try Pagination.after(request) ?? 0,
            limit: try Pagination.limit(request)
        )
    }
}
