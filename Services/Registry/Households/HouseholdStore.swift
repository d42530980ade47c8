import Foundation
import Postgres
import ServiceKit

/// Households' and buildings' SQL.
enum HouseholdStore {
    static func insertBuilding(compoundID: Int, name: String, on tx: isolated PostgresConnection) throws -> Building {
        try tx.query(
            "INSERT INTO registry.buildings (compound_id, name) VALUES (\(compoundID), \(name)) RETURNING id, compound_id, name"
        ).decode(Building.self)[0]
    }

    static func buildings(compoundID: Int, on tx: isolated PostgresConnection) throws -> [Building] {
        try tx.query("SELECT id, compound_id, name FROM registry.buildings WHERE compound_id = \(compoundID) ORDER BY name").decode(Building.self)
    }

    /// Whether a building belongs to a compound.
    static func building(_ id: Int, isIn compoundID: Int, on tx: isolated PostgresConnection) throws -> Bool {
        try tx.query("SELECT 1 FROM registry.buildings WHERE id = \(id) AND compound_id = \(compoundID)").rowCount == 1
    }

    /// The building of a compound with this name, added if it is missing.
    static func upsertBuilding(compoundID: Int, name: String, on tx: isolated PostgresConnection) throws -> Int? {
        try tx.query(
            """
            INSERT INTO registry.buildings (compound_id, name) VALUES (\(compoundID), \(name))
            ON CONFLICT (compound_id, name) DO UPDATE SET name = EXCLUDED.name RETURNING id
            """
        ).scalar(Int.self)
    }

    static func insertHousehold(compoundID: Int, buildingID: Int?, dwelling: String, on tx: isolated PostgresConnection) throws -> Int {
        try tx.query(
            """
            INSERT INTO registry.households (compound_id, building_id, dwelling)
            VALUES (\(compoundID), \(buildingID), \(dwelling)) RETURNING id
            """
        ).scalar(Int.self) ?? 0
    }

    /// The household living at a dwelling of a building (or of no building), if any.
    static func household(compoundID: Int, buildingID: Int?, dwelling: String, on tx: isolated PostgresConnection) throws -> Int? {
        try tx.query(
            """
            SELECT id FROM registry.households WHERE compound_id = \(compoundID) AND coalesce(building_id, 0) = coalesce(\(buildingID)::int8, 0)
              AND dwelling = \(dwelling) AND dissolved_at IS NULL
            """
        ).scalar(Int.self)
    }

    static func memberCount(_ id: Int, on tx: isolated PostgresConnection) throws -> Int {
        try tx.query("SELECT count(*) FROM registry.residents WHERE household_id = \(id)").scalar(Int.self) ?? 0
    }

    static func dissolve(_ id: Int, on tx: isolated PostgresConnection) throws {
        try tx.execute("UPDATE registry.households SET dissolved_at = now() WHERE id = \(id)")
    }

    /// Households with their members (phones masked), optionally only some ids.
    static func households(
        compoundID: Int?,
        ids: [Int]?,
        after: Int,
        limit: Int,
        on tx: isolated PostgresConnection
    ) throws -> [Household] {
        try tx.query(
            """
            SELECT h.id, h.compound_id, h.building_id, h.dwelling, h.revision,
                   coalesce(jsonb_agg(jsonb_build_object('residentID', r.id, 'name', r.name,
                       'phone', CASE WHEN r.phone_prefix IS NULL THEN NULL ELSE r.phone_prefix || '****' || r.phone_suffix END)
                       ORDER BY r.id) FILTER (WHERE r.id IS NOT NULL), '[]') AS members
            FROM registry.households h
            LEFT JOIN registry.residents r ON r.household_id = h.id
            WHERE h.dissolved_at IS NULL AND (\(compoundID)::int8 IS NULL OR h.compound_id = \(compoundID))
              AND (\(ids)::int8[] IS NULL OR h.id = ANY (\(ids ?? [])))
              AND h.id > \(after)
            GROUP BY h.id ORDER BY h.id LIMIT \(limit)
            """
        ).decode(Household.self)
    }
}
