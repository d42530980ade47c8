import Foundation
import Postgres
import ServiceKit

/// Resolves a sign-in token in the notifications service from its projections: the `accounts` row
/// (status, posts), the resident's household (while they live in the city) and the households of
/// their active head assignments, so a head whose assignment the registry ended loses those
/// households as soon as `head.vacated` is consumed.
struct NotificationsScopeResolver: ScopeResolver {
    let pool: PostgresPool

    func resolve(_ token: Principal) async throws -> Principal {
        guard let accountID = token.accountID else { return token }
        let row = try await pool.withConnection { connection in
            try connection.query(
                """
                SELECT a.kind, a.status, a.resident_id, a.post_kinds, a.area_ids, a.compound_ids,
                       (SELECT r.household_id FROM notify.residents r WHERE r.id = a.resident_id AND r.active) AS household,
                       ARRAY(SELECT DISTINCT unnest(h.household_ids) FROM notify.head_assignments h
                             WHERE h.resident_id = a.resident_id AND h.active) AS covered
                FROM notify.accounts a WHERE a.id = \(accountID)
                """,
                prepared: true
            ).first
        }
        return try AccountScope.principal(for: token, from: row)
    }
}
