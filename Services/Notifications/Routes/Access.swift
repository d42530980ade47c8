import Foundation
import Postgres
import ServiceKit

/// Who may do what here, and where: staff (administrators, district offices, secretaries) manage
/// messages within their part of the city; a resident sees only their own inbox and preferences.
enum Access {
    /// The caller, if staff; else 403.
    static func staff(_ context: LinliRequestContext) throws -> Principal {
        let principal = try context.requirePrincipal()
        guard principal.isStaff else { throw APIError.forbidden("only staff manage notifications") }
        return principal
    }

    /// The caller, if an administrator; else 403.
    static func admin(_ context: LinliRequestContext) throws -> Principal {
        let principal = try context.requirePrincipal()
        guard principal.has(.admin) else { throw APIError.forbidden("only administrators change this") }
        return principal
    }

    /// Where a compound sits, from the projection (an unknown compound has no area path).
    static func compoundScope(_ id: Int, on connection: isolated PostgresConnection) throws -> ObjectScope {
        let path = try connection.query("SELECT area_path FROM notify.compounds WHERE id = \(id)").scalar([Int].self) ?? []
        return ObjectScope(areaPath: path, compoundID: id)
    }

    /// A condition on a compound id column (`column`) and its area path (`path`) that keeps rows in the caller's scope.
    static func compoundFilter(_ principal: Principal, column: String, path: String) -> SQL {
        let everything = principal.role == .admin
        let areas = principal.role == .district ? principal.areaIDs : []
        let compounds = principal.role == .secretary ? principal.compoundIDs : []
        return """
            (\(everything) OR coalesce(\(unescaped: path), '{}') && \(areas)::int8[] OR \(unescaped: column) = ANY (\(compounds)::int8[]))
            """
    }

    /// An optional whole-number query parameter, or 422 naming it.
    static func integer(_ name: String, in parameters: [String: String]) throws -> Int? {
        guard let text = parameters[name] else { return nil }
        guard let value = Int(text) else { throw APIError.invalid(name, "must be a whole number") }
        return value
    }
}
