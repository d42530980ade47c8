import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// One row of the sign-in audit as `GET /v1/auth/audit` shows it (the phone masked, never a secret).
struct SignInAuditRecord: Codable, Sendable, Equatable {
    var id: Int
    var at: Date
    var accountID: Int?
    var action: String
    var outcome: String
    var method: String?
    var subject: String?
    var ip: String?
    var userAgent: String?
    var detail: String?
}

/// The filter of `GET /v1/auth/audit`: `account`, `action`, and the page (`after`: the last id of the
/// previous page; rows come newest first).
struct SignInAuditQuery: Sendable {
    var accountID: Int?
    var action: String?
    var limit: Int
    var after: Int?
}

/// Reading the sign-in audit: admins only.
struct SignInAuditLog {
    let pool: PostgresPool

    func page(_ query: SignInAuditQuery, by principal: Principal) async throws -> Page<SignInAuditRecord> {
        guard principal.role == .admin else { throw Refusal.forbidden("only an operator reads the sign-in audit") }
        let items = try await pool.withConnection { tx in try Self.rows(query, on: tx) }
        return Page(items: items, next: items.count == query.limit ? items.last.map { String($0.id) } : nil)
    }

    private static func rows(_ query: SignInAuditQuery, on tx: isolated PostgresConnection) throws -> [SignInAuditRecord] {
        try tx.query(
            """
            SELECT id, at, account_id, action, outcome, method, subject, host(ip), user_agent, detail FROM registry.sign_in_audit
            WHERE (\(query.after)::int8 IS NULL OR id < \(query.after)) AND (\(query.accountID)::int8 IS NULL OR account_id = \(query.accountID))
              AND (\(query.action)::text IS NULL OR action = \(query.action))
            ORDER BY id DESC LIMIT \(query.limit)
            """
        ).map { row in
            SignInAuditRecord(
                id: try row.decode(0, as: Int.self),
                at: try row.decode(1, as: Date.self),
                accountID: try row.decode(2, as: Int?.self),
                action: try row.decode(3, as: String.self),
                outcome: try row.decode(4, as: String.self),
                method: try row.decode(5, as: String?.self),
                subject: try row.decode(6, as: String?.self),
                ip: try row.decode(7, as: String?.self),
                userAgent: try row.decode(8, as: String?.self),
                detail: try row.decode(9, as: String?.self)
            )
        }
    }
}
