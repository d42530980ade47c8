import Foundation
import Postgres
import ServiceKit

/// Resolves a sign-in token in the calendar from its projections: the `accounts` row (status,
/// posts), the resident's household and their head assignments not vacated or ended, so a head
/// whose assignment the registry ended loses those households as soon as `head.vacated` is consumed.
struct CalendarScopeResolver: ScopeResolver {
    let pool: PostgresPool
    let clock: WallClock

    func resolve(_ token: Principal) async throws -> Principal {
        guard let accountID = token.accountID else { return token }
        let now = clock.now()
        let row = try await pool.withConnection { connection in
            try AccountProjectionStore.scope(accountID: accountID, now: now, on: connection)
        }
        return try AccountScope.principal(for: token, from: row)
    }
}
