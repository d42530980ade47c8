import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// `/v1/residents/{id}/preferences`: which kinds a resident wants on which channel. The resident
/// edits their own; staff covering the resident may too. Inbox is on and SMS off unless a row says otherwise.
struct PreferenceRoutes {
    let pool: PostgresPool

    /// One choice; `kind` `*` applies to every kind without a choice of its own.
    struct Preference: Codable, Sendable, Equatable {
        var kind: String
        var channel: String
        var enabled: Bool
    }

    struct Preferences: Codable, Sendable, ResponseEncodable {
        var residentID: Int
        var items: [Preference]
    }

    /// Channels a resident chooses for themselves (group robots and systems are not personal).
    static let personalChannels: [Channel] = [.inbox, .sms]

    func add(to router: Router<LinliRequestContext>) {
        router.get("/v1/residents/{id}/preferences") { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            return try await pool.withConnection { connection in
                try Self.authorise(id, context, on: connection)
                return Preferences(residentID: id, items: try Self.load(id, on: connection))
            }
        }
        router.put("/v1/residents/{id}/preferences") { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(Preferences.self, context: context)
            try Self.validate(body.items)
            return try await pool.withTransaction { tx in
                try Self.authorise(id, context, on: tx)
                try tx.execute("DELETE FROM notify.preferences WHERE resident_id = \(id)")
                try tx.execute(
                    """
                    INSERT INTO notify.preferences (resident_id, kind, channel, enabled)
                    SELECT \(id), k, c, e FROM unnest(\(body.items.map(\.kind)), \(body.items.map(\.channel)), \(body.items.map(\.enabled))) AS t(k, c, e)
                    ON CONFLICT (resident_id, channel, kind) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()
                    """
                )
                return Preferences(residentID: id, items: try Self.load(id, on: tx))
            }
        }
    }

    static func load(_ id: Int, on connection: isolated PostgresConnection) throws -> [Preference] {
        try connection.query(
            "SELECT kind, channel, enabled FROM notify.preferences WHERE resident_id = \(id) ORDER BY channel, kind"
        ).decode(Preference.self)
    }

    static func validate(_ items: [Preference]) throws {
        var problems: [APIError.FieldError] = []
        for (index, item) in items.enumerated() {
            if item.kind != "*" && MessageKind.named(item.kind) == nil {
                problems.append(.init(field: "items[\(index)].kind", message: "is not a message kind (or *)"))
            }
            if !personalChannels.map(\.rawValue).contains(item.channel) {
                problems.append(.init(field: "items[\(index)].channel", message: "must be inbox or sms"))
            }
        }
        guard problems.isEmpty else { throw APIError.validation(problems) }
    }

    /// The resident themself, or staff whose scope covers the resident; anyone else gets 404.
    static func authorise(_ id: Int, _ context: LinliRequestContext, on connection: isolated PostgresConnection) throws {
        let principal = try context.requirePrincipal()
        if principal.residentID == id { return }
        let row = try connection.query(
            "SELECT compound_id, household_id, area_path FROM notify.residents WHERE id = \(id)"
        ).first
        guard let row, principal.isStaff else { throw APIError.notFound("resident") }
        let scope = ObjectScope(
            areaPath: try row.decode(2, as: [Int].self),
            compoundID: try row.decode(0, as: Int?.self),
            householdID: try row.decode(1, as: Int?.self),
            residentID: id
        )
        guard principal.covers(scope) else { throw APIError.notFound("resident") }
    }
}
