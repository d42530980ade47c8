import Foundation
import JobQueue
import Models
import Postgres

/// Every service's `accounts` projection of `account.changed`, kept the same way in each: an upsert
/// into the service's own `<schema>.accounts` (an older revision changes nothing), then the account's
/// cached principal is dropped so the change applies to this process's next request. The table's
/// columns are the ones ``AccountScope`` reads (each service's migration creates it).
public enum AccountProjection {
    /// Subscribes the worker to `account.changed` for the service whose schema is `schema`.
    /// - Parameter schema: the service's own schema, a constant of its code (never input).
    public static func register(on worker: JobWorker, schema: StaticString, scopes: ScopeResolverCache) {
        worker.subscribe(AccountChanged.self) { event, _, tx, _ in
            try apply(event, schema: schema, on: tx)
            scopes.invalidate(accountID: event.accountID)
        }
    }

    /// Upserts the account into `<schema>.accounts`.
    public static func apply(_ event: AccountChanged, schema: StaticString, on tx: isolated PostgresConnection) throws {
        let posts = AccountScope(event).postColumns
        let table = "\(schema).accounts"
        try tx.execute(
            """
            INSERT INTO \(unescaped: table) (id, kind, status, resident_id, post_kinds, area_ids, compound_ids, revision)
            VALUES (\(event.accountID), \(event.kind), \(event.status), \(event.residentID), \(posts.kinds), \(posts.areaIDs),
                    \(posts.compoundIDs), \(event.revision))
            ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, status = EXCLUDED.status, resident_id = EXCLUDED.resident_id,
                post_kinds = EXCLUDED.post_kinds, area_ids = EXCLUDED.area_ids, compound_ids = EXCLUDED.compound_ids,
                revision = EXCLUDED.revision
            WHERE \(unescaped: table).revision < EXCLUDED.revision
            """
        )
    }
}
