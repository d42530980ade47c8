import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// `GET /v1/residents`: residents in the caller's scope, by compound, name prefix (Chinese works as
/// any text) or masked phone (`138****1234`), by id with a cursor.
struct ResidentSearch {
    let runtime: LinliRuntime

    struct Filter: Sendable {
        var compoundID: Int?
        var namePrefix: String?
        var phone: (prefix: String, suffix: String)?
        var after: Int
        var limit: Int
    }

    func add(to router: Router<LinliRequestContext>) {
        router.get("/v1/residents") { request, context in
            let principal = try context.requirePrincipal()
            let filter = try Self.filter(request)
            let residents = try await runtime.pool.withConnection { tx in try Self.search(filter, principal: principal, on: tx) }
            return Page(items: residents, next: residents.count == filter.limit ? residents.last.map { String($0.id) } : nil)
        }
    }

    static func filter(_ request: Request) throws -> Filter {
        let query = request.uri.queryParameters
        let compoundID = try query["compoundID"].map { text in
            guard let id = Int(text) else { throw APIError.invalid("compoundID", "must be a compound id") }
            return id
        }
        let name = query["name"].map { String($0).trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        if let name, name.count > 50 { throw APIError.invalid("name", "must be at most 50 characters") }
        let phone = try query["phone"].map { text in
            guard let masked = ChinesePhone.maskedQuery(String(text)) else {
                throw APIError.invalid("phone", "must be a masked number such as 138****1234")
            }
            return masked
        }
        return Filter(
            compoundID: compoundID,
            namePrefix: name,
            phone: phone,
            after: try Pagination.after(request) ?? 0,
            limit: try Pagination.limit(request)
        )
    }

    /// The residents a principal may see, filtered; one statement whatever the role.
    static func search(_ filter: Filter, principal: Principal, on tx: isolated PostgresConnection) throws -> [Resident] {
        let pattern = filter.namePrefix.map { escapeLike($0) + "%" }
        return try tx.query(
            """
            SELECT \(unescaped: ResidentStore.columns) FROM registry.residents r
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
        ).map { try ResidentStore.resident($0, showParty: principal.maySeePersonalData) }
    }

    /// Escapes `%`, `_` and `\` for a LIKE pattern.
    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}
