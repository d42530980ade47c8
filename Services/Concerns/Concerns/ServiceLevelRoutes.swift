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

    func add(to router: Router<LinliRequestContext>) {
        router.get("/v1/service-levels") { _, context in
            _ = try context.requirePrincipal()
            return try await runtime.pool.query("SELECT category, name, hours FROM concerns.service_levels ORDER BY hours, category")
                .decode(ServiceLevel.self)
        }
        router.put("/v1/service-levels/{category}") { request, context in
            guard try context.requirePrincipal().has(.admin) else { throw APIError.forbidden("only administrators set service levels") }
            let category = try context.parameters.require("category")
            let body = try await request.decodeBody(ServiceLevelRequest.self, context: context)
            var checks = FieldChecks()
            if category.range(of: "^[a-z][a-z-]{0,39}$", options: .regularExpression) == nil {
                checks.fail("category", "must be 1–40 lowercase letters and hyphens")
            }
            let name = checks.text(body.name, field: "name", max: 50)
            if !(1...8_760).contains(body.hours) { checks.fail("hours", "must be from 1 to 8760") }
            try checks.check()
            return try await runtime.pool.query(
                """
                INSERT INTO concerns.service_levels (category, name, hours) VALUES (\(category), \(name ?? ""), \(body.hours))
                ON CONFLICT (category) DO UPDATE SET name = EXCLUDED.name, hours = EXCLUDED.hours, updated_at = now()
                RETURNING category, name, hours
                """
            ).decode(ServiceLevel.self)[0]
        }
    }
}
