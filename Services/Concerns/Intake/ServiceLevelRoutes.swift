import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// A category and how long its concerns may take.
struct ServiceLevel: Codable, Sendable, Equatable, ResponseEncodable {
    var category: String
    var name: String
    var hours: Int
}

/// The body of `PUT /v1/service-levels/{category}`.
struct ServiceLevelRequest: Decodable, Sendable {
    var name: String
    var hours: Int
}

/// `/v1/service-levels`: the categories and their service levels; administrators change them
/// (a change applies to concerns raised afterwards).
struct ServiceLevelRoutes {
    let runtime: LinliRuntime

    var desk: ServiceLevelDesk { ServiceLevelDesk(pool: runtime.pool) }

    func add(to router: Router<LinliRequestContext>) {
        router.get("/v1/service-levels") { _, context in
            _ = try context.requirePrincipal()
            return try await desk.levels()
        }
        router.put("/v1/service-levels/{category}") { request, context in
            try ServiceLevelDesk.maySet(try context.requirePrincipal())
            let category = try context.parameters.require("category")
            let body = try await request.decodeBody(ServiceLevelRequest.self, context: context)
            return try await desk.set(category, body)
        }
    }
}
