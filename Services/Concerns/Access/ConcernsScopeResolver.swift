import Foundation
import Postgres
import ServiceKit

/// Resolves a sign-in token in the concerns service from its projections: the `accounts` row
/// (status, posts), the resident's household and the households of their head assignments current
/// at "now" (started, not ended, not vacated — as ``Viewer`` counts them), so a head whose
/// assignment the registry ended loses those households as soon as `head.vacated` is consumed.
struct ConcernsScopeResolver: ScopeResolver {
    let pool: PostgresPool
    let clock: WallClock

    func resolve(_ token: Principal) async throws -> Principal {
        guard let accountID = token.accountID else { return token }
        let now = clock.now()
        let row = try await pool.withConnection { connection in
            try connection.query(
                """
                SELECT a.kind, a.status, a.resident_id, a.post_kinds, a.area_ids, a.compound_ids,
                       (SELECT r.household_id FROM concerns.residents r WHERE r.id = a.resident_id) AS household,
                       ARRAY(SELECT DISTINCT unnest(h.household_ids) FROM concerns.head_assignments h
                             WHERE h.resident_id = a.resident_id AND h.vacated_on IS NULL AND h.starts_on <= \(now)
                               AND (h.ends_on IS NULL OR h.ends_on > \(now))) AS covered
                FROM concerns.accounts a WHERE a.id = \(accountID)
                """,
                prepared: true
            ).first
        }
        return try AccountScope.principal(for: token, from: row)
    }
}
