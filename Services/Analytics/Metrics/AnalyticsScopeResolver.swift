import Foundation
import Postgres
import ServiceKit

/// Resolves a sign-in token in analytics from its projections: the `accounts` row (status, posts)
/// for its callers, mostly dashboards, district offices and admins. A resident's household comes
/// from `residents`, a head's from `household_heads` (neighbour heads; the assignment's head is on
/// its `head.assigned` fact), though analytics answers neither with data (``AnalyticsScope``).
struct AnalyticsScopeResolver: ScopeResolver {
    let pool: PostgresPool

    func resolve(_ token: Principal) async throws -> Principal {
        guard let accountID = token.accountID else { return token }
        let row = try await pool.withConnection { connection in
            try connection.query(
                """
                SELECT a.kind, a.status, a.resident_id, a.post_kinds, a.area_ids, a.compound_ids,
                       (SELECT r.household_id FROM analytics.residents r WHERE r.resident_id = a.resident_id) AS household,
                       ARRAY(SELECT DISTINCT hh.household_id FROM analytics.household_heads hh
                             JOIN analytics.facts f ON f.kind = 'head.assigned' AND f.source_id = hh.assignment_id AND f.variant = 0
                             WHERE a.resident_id IS NOT NULL AND f.resident_id = a.resident_id) AS covered
                FROM analytics.accounts a WHERE a.id = \(accountID)
                """,
                prepared: true
            ).first
        }
        return try AccountScope.principal(for: token, from: row)
    }
}
