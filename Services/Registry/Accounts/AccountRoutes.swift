import Foundation
import Hummingbird
import Models
import ServiceKit

/// Accounts over HTTP (admins): `POST/GET /v1/accounts`, `GET /v1/accounts/{id}`,
/// `PUT /v1/accounts/{id}/posts`, `POST /v1/accounts/{id}/disable` and `…/enable`.
struct AccountRoutes {
    let desk: AccountDesk

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/accounts") { request, context in
            let caller = try context.caller()
            let body = try await request.decodeBody(NewStaffAccount.self, context: context)
            return EditedResponse(status: .created, response: try await desk.createStaff(body, by: caller))
        }
        router.get("/v1/accounts") { request, context in
            let principal = try context.requirePrincipal()
            let query = AccountQuery(
                kind: try request.textParameter("kind").map { try Self.word($0, "kind", AccountKind.init, [AccountKind.resident, .staff]) },
                status: try request.textParameter("status").map { try Self.word($0, "status", AccountStatus.init, AccountStatus.all) },
                limit: try Pagination.limit(request),
                after: try Pagination.after(request)
            )
            return try await desk.accounts(query, by: principal)
        }
        router.get("/v1/accounts/{id}") { _, context in
            try await desk.account(try context.parameters.require("id", as: Int.self), by: try context.requirePrincipal())
        }
        router.put("/v1/accounts/{id}/posts") { request, context in
            let caller = try context.caller()
            let id = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(AccountPosts.self, context: context)
            return try await desk.setPosts(id, body.posts, by: caller)
        }
        router.post("/v1/accounts/{id}/disable") { _, context in
            try await desk.setStatus(try context.parameters.require("id", as: Int.self), .disabled, by: try context.caller())
        }
        router.post("/v1/accounts/{id}/enable") { _, context in
            try await desk.setStatus(try context.parameters.require("id", as: Int.self), .active, by: try context.caller())
        }
    }

    /// A vocabulary word of a query parameter, or 422 naming it.
    private static func word<Word: RawRepresentable & Equatable>(
        _ text: String,
        _ field: String,
        _ make: (String) -> Word,
        _ all: [Word]
    ) throws -> Word where Word.RawValue == String {
        let word = make(text)
        guard all.contains(word) else {
            throw APIError.invalid(field, "must be one of \(all.map(\.rawValue).joined(separator: ", "))")
        }
        return word
    }
}
