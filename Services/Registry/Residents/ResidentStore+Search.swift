import Foundation
import Postgres
import ServiceKit

/// What `GET /v1/residents` narrows by: a compound, a name prefix (Chinese works as any text), a
/// masked phone (`138****1234`), and the cursor.
struct ResidentFilter: Sendable {
    var compoundID: Int?
    var namePrefix: String? = nil
    var phone: (prefix: String, suffix: String)? = nil
    var after: Int
    var limit: Int
}

extension ResidentStore {
    /// The residents a principal may see, filtered, by id; one statement whatever the role.
    static func search(_ filter: ResidentFilter, principal: Principal, on tx: isolated PostgresConnection) throws -> [Resident] {
        let pattern = filter.namePrefix.map { escapeLike($0) + "%" }
        return try tx.query(
            """
            SELECT \(unescaped: columns) FROM registry.residents r
            JOIN registry.compounds c ON c.id = r.compound_id
            WHERE (\(principal.role == .admin) OR c.area_path && \(principal.role == .district ? principal.areaIDs : [])
                   OR r.compound_id = ANY (\(principal.role == .secretary ? principal.compoundIDs : []))
                   OR r.household_id = ANY (\(principal.role == .head ? principal.householdIDs : []))
                   OR r.id = \(principal.role == .resident || principal.role == .head ? principal.residentID ?? -1 : -1))
              AND (\(filter.compoundID)::int8 IS NULL OR r.compound_id = \(filter.compoundID))
              AND (\(pattern)::text IS NULL OR r.name LIKE \(pattern))
              AND (\(filter.phone?.prefix)::text IS NULL OR (r.phone_prefix = \(filter.phone?.prefix) AND r.phone_suffix = \(filter.phone?.suffix)))
              AND r.id > \(filter.after)
            ORDER BY r.id LIMIT \(filter.limit)
            """,
            prepared: true
        ).map { try resident($0, showParty: principal.maySeePersonalData) }
    }

    /// Every resident of a compound the principal may see, read in pages of 500.
    static func all(compoundID: Int, principal: Principal, on tx: isolated PostgresConnection) throws -> [Resident] {
        var all: [Resident] = []
        var after = 0
        while true {
            let page = try search(.init(compoundID: compoundID, after: after, limit: 500), principal: principal, on: tx)
            all += page
            guard page.count == 500, let last = page.last else { return all }
            after = last.id
        }
    }

    /// Escapes `%`, `_` and `\` for a LIKE pattern.
    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}
