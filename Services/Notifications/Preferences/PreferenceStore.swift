import Foundation
import Postgres
import ServiceKit

/// The preferences' SQL, and where a resident lives (to check who may see their preferences).
enum PreferenceStore {
    static func load(_ id: Int, on connection: isolated PostgresConnection) throws -> [Preference] {
        try connection.query(
            "SELECT kind, channel, enabled FROM notify.preferences WHERE resident_id = \(id) ORDER BY channel, kind"
        ).decode(Preference.self)
    }

    /// Replaces all of a resident's choices.
    static func replace(_ id: Int, with items: [Preference], on tx: isolated PostgresConnection) throws {
        try tx.execute("DELETE FROM notify.preferences WHERE resident_id = \(id)")
        try tx.execute(
            """
            INSERT INTO notify.preferences (resident_id, kind, channel, enabled)
            SELECT \(id), k, c, e FROM unnest(\(items.map(\.kind)), \(items.map(\.channel)), \(items.map(\.enabled))) AS t(k, c, e)
            ON CONFLICT (resident_id, channel, kind) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()
            """
        )
    }

    /// Where a resident lives, from the projection; `nil` for one the service does not know.
    static func residentScope(_ id: Int, on connection: isolated PostgresConnection) throws -> ObjectScope? {
        guard let row = try connection.query("SELECT compound_id, household_id, area_path FROM notify.residents WHERE id = \(id)").first
        else { return nil }
        return ObjectScope(
            areaPath: try row.decode(2, as: [Int].self),
            compoundID: try row.decode(0, as: Int?.self),
            householdID: try row.decode(1, as: Int?.self),
            residentID: id
        )
    }
}
