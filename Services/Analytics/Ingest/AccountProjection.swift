import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// Keeps analytics' `accounts` projection from `account.changed` (an older revision changes
/// nothing), and drops the account's cached principal so the change applies to this process's
/// next request.
///
/// Head assignments and moves need no invalidation here: they only turn a resident into a head or
/// back, and analytics refuses both alike (``AnalyticsScope``).
enum AccountProjection {
    static func register(on worker: JobWorker, scopes: ScopeResolverCache) {
        worker.subscribe(AccountChanged.self) { event, _, tx, _ in
            let posts = AccountScope(event).postColumns
            try tx.execute(
                """
                INSERT INTO analytics.accounts (id, kind, status, resident_id, post_kinds, area_ids, compound_ids, revision)
                VALUES (\(event.accountID), \(event.kind), \(event.status), \(event.residentID), \(posts.kinds), \(posts.areaIDs),
                        \(posts.compoundIDs), \(event.revision))
                ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, status = EXCLUDED.status, resident_id = EXCLUDED.resident_id,
                    post_kinds = EXCLUDED.post_kinds, area_ids = EXCLUDED.area_ids, compound_ids = EXCLUDED.compound_ids,
                    revision = EXCLUDED.revision
                WHERE analytics.accounts.revision < EXCLUDED.revision
                """
            )
            scopes.invalidate(accountID: event.accountID)
        }
    }
}
