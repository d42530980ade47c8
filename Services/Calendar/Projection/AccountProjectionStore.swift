import Foundation
import Models
import Postgres
import ServiceKit

/// The SQL of the calendar's `accounts` projection and of resolving a sign-in token from it.
enum AccountProjectionStore {
    /// Upserts the account; an event older than the row's revision changes nothing.
    static func apply(_ event: AccountChanged, on tx: isolated PostgresConnection) throws {
        let posts = AccountScope(event).postColumns
        try tx.execute(
            """
            INSERT INTO calendar.accounts (id, kind, status, resident_id, post_kinds, area_ids, compound_ids, revision)
            VALUES (\(event.accountID), \(event.kind), \(event.status), \(event.residentID), \(posts.kinds), \(posts.areaIDs),
                    \(posts.compoundIDs), \(event.revision))
            ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, status = EXCLUDED.status, resident_id = EXCLUDED.resident_id,
                post_kinds = EXCLUDED.post_kinds, area_ids = EXCLUDED.area_ids, compound_ids = EXCLUDED.compound_ids,
                revision = EXCLUDED.revision
            WHERE calendar.accounts.revision < EXCLUDED.revision
            """
        )
    }

    /// The account with the resident's household and the households of their head assignments
    /// not vacated and not ended at `now` (the columns ``AccountScope/principal(for:from:)`` reads).
    static func scope(accountID: Int, now: Date, on connection: isolated PostgresConnection) throws -> PostgresRow? {
        try connection.query(
            """
            SELECT a.kind, a.status, a.resident_id, a.post_kinds, a.area_ids, a.compound_ids,
                   (SELECT r.household_id FROM calendar.residents r WHERE r.id = a.resident_id) AS household,
                   ARRAY(SELECT DISTINCT unnest(h.household_ids) FROM calendar.head_assignments h
                         WHERE h.resident_id = a.resident_id AND h.vacated_on IS NULL
                           AND (h.ends_on IS NULL OR h.ends_on >= \(now))) AS covered
            FROM calendar.accounts a WHERE a.id = \(accountID)
            """,
            prepared: true
        ).first
    }
}
