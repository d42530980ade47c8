import Foundation
import Models
import Postgres
import ServiceKit

/// The SQL of resolving a sign-in token from the calendar's `accounts` projection (kept by
/// ServiceKit's ``AccountProjection``).
enum AccountProjectionStore {
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
