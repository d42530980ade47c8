import Foundation
import Postgres
import ServiceKit

/// The categories' service levels: anyone signed in reads them, administrators set them.
struct ServiceLevelDesk {
    let pool: PostgresPool

    func levels() async throws -> [ServiceLevel] {
        try await pool.withConnection { try ServiceLevelStore.all(on: $0) }
    }

    /// Only administrators set service levels.
    static func maySet(_ principal: Principal) throws {
        guard principal.has(.admin) else { throw Refusal.forbidden("only administrators set service levels") }
    }

    /// Sets a category's name and hours, naming each wrong field.
    func set(_ category: String, _ body: ServiceLevelRequest) async throws -> ServiceLevel {
        var checks = FieldChecks()
        if category.range(of: "^[a-z][a-z-]{0,39}$", options: .regularExpression) == nil {
            checks.fail("category", "must be 1–40 lowercase letters and hyphens")
        }
        let name = checks.text(body.name, field: "name", max: 50)
        if !(1...8_760).contains(body.hours) { checks.fail("hours", "must be from 1 to 8760") }
        try checks.check()
        return try await pool.withConnection {
            try ServiceLevelStore.upsert(ServiceLevel(category: category, name: name ?? "", hours: body.hours), on: $0)
        }
    }
}

/// The service levels' SQL.
enum ServiceLevelStore {
    static func all(on connection: isolated PostgresConnection) throws -> [ServiceLevel] {
        try connection.query("SELECT category, name, hours FROM concerns.service_levels ORDER BY hours, category").decode(ServiceLevel.self)
    }

    static func upsert(_ level: ServiceLevel, on connection: isolated PostgresConnection) throws -> ServiceLevel {
        try connection.query(
            """
            INSERT INTO concerns.service_levels (category, name, hours) VALUES (\(level.category), \(level.name), \(level.hours))
            ON CONFLICT (category) DO UPDATE SET name = EXCLUDED.name, hours = EXCLUDED.hours, updated_at = now()
            RETURNING category, name, hours
            """
        ).decode(ServiceLevel.self)[0]
    }
}
