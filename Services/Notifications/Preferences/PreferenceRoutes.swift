import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// `/v1/residents/{id}/preferences`: which kinds a resident wants on which channel. The resident
/// edits their own; staff covering the resident may too. Inbox is on and SMS off unless a row says otherwise.
struct PreferenceRoutes {
    let pool: PostgresPool

    /// A resident's choices, as read and written.
    struct Preferences: Codable, Sendable, ResponseEncodable {
        var residentID: Int
        var items: [Preference]
    }

    var desk: PreferenceDesk { PreferenceDesk(pool: pool) }

    func add(to router: Router<LinliRequestContext>) {
        router.get("/v1/residents/{id}/preferences") { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            return Preferences(residentID: id, items: try await desk.preferences(of: id, by: try context.requirePrincipal()))
        }
        router.put("/v1/residents/{id}/preferences") { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(Preferences.self, context: context)
            // The body is checked before the caller, as it always was: a wrong body is a 422 whoever sends it.
            try PreferenceDesk.check(body.items)
            return Preferences(residentID: id, items: try await desk.replace(id, with: body.items, by: try context.requirePrincipal()))
        }
    }
}
