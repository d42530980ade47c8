import Postgres
import ServiceKit

/// Where registry objects sit, for scope checks: the SQL that finds an object's ``ObjectScope``.
enum RegistryScopes {
    static func compound(_ id: Int, on tx: isolated PostgresConnection) throws -> ObjectScope? {
        let rows = try tx.query("SELECT area_path FROM registry.compounds WHERE id = \(id)", prepared: true)
        guard let row = rows.first else { return nil }
        return ObjectScope(areaPath: try row.decode(0, as: [Int].self), compoundID: id)
    }

    static func household(_ id: Int, on tx: isolated PostgresConnection) throws -> ObjectScope? {
        let rows = try tx.query(
            """
            SELECT c.area_path, h.compound_id FROM registry.households h JOIN registry.compounds c ON c.id = h.compound_id
            WHERE h.id = \(id) AND h.dissolved_at IS NULL
            """,
            prepared: true
        )
        guard let row = rows.first else { return nil }
        return ObjectScope(areaPath: try row.decode(0, as: [Int].self), compoundID: try row.decode(1, as: Int.self), householdID: id)
    }

    /// A resident's place: their current household and compound (a resident who left keeps the last ones).
    static func resident(_ id: Int, on tx: isolated PostgresConnection) throws -> ObjectScope? {
        let rows = try tx.query(
            """
            SELECT c.area_path, coalesce(r.compound_id, last.compound_id) AS compound_id, coalesce(r.household_id, last.household_id) AS household_id
            FROM registry.residents r
            LEFT JOIN LATERAL (
                SELECT compound_id, household_id FROM registry.residencies WHERE resident_id = r.id ORDER BY moved_in_at DESC LIMIT 1
            ) last ON true
            LEFT JOIN registry.compounds c ON c.id = coalesce(r.compound_id, last.compound_id)
            WHERE r.id = \(id)
            """,
            prepared: true
        )
        guard let row = rows.first else { return nil }
        return ObjectScope(
            areaPath: try row.decode(0, as: [Int]?.self) ?? [],
            compoundID: try row.decode(1, as: Int?.self),
            householdID: try row.decode(2, as: Int?.self),
            residentID: id
        )
    }
}
