import Foundation
import Postgres
import ServiceKit

/// Where a compound sits, and the SQL condition that keeps rows within a principal's part of the
/// city, both from the service's projection of the registry.
enum CompoundScope {
    /// Where a compound sits (an unknown compound has no area path).
    static func of(_ id: Int, on connection: isolated PostgresConnection) throws -> ObjectScope {
        let path = try connection.query("SELECT area_path FROM notify.compounds WHERE id = \(id)").scalar([Int].self) ?? []
        return ObjectScope(areaPath: path, compoundID: id)
    }

    /// A condition on a compound id column (`column`) and its area path (`path`) that keeps rows in the principal's scope.
    static func filter(_ principal: Principal, column: String, path: String) -> SQL {
        let everything = principal.role == .admin
        let areas = principal.role == .district ? principal.areaIDs : []
        let compounds = principal.role == .secretary ? principal.compoundIDs : []
        return """
            (\(everything) OR coalesce(\(unescaped: path), '{}') && \(areas)::int8[] OR \(unescaped: column) = ANY (\(compounds)::int8[]))
            """
    }
}
