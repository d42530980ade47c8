import Foundation
import Models
import Postgres
import ServiceKit

/// The three heads' units and coverage: SQL only.
enum HeadStore {
    static func units(compoundID: Int, ids: [Int]? = nil, on tx: isolated PostgresConnection) throws -> [HeadUnit] {
        try tx.query(
            """
            SELECT u.id, u.compound_id, u.level, u.parent_id, u.name,
                   ARRAY(SELECT household_id FROM registry.unit_households WHERE unit_id = u.id ORDER BY household_id) AS household_ids,
                   (SELECT jsonb_build_object('assignmentID', a.id, 'residentID', a.resident_id, 'name', r.name,
                                              'startsOn', to_char(a.starts_on, 'YYYY-MM-DD"T"00:00:00.000"Z"'),
                                              'endsOn', to_char(a.ends_on, 'YYYY-MM-DD"T"00:00:00.000"Z"'))
                    FROM registry.head_assignments a JOIN registry.residents r ON r.id = a.resident_id
                    WHERE a.unit_id = u.id AND a.ended_at IS NULL) AS head
            FROM registry.head_units u
            WHERE u.compound_id = \(compoundID) AND (\(ids)::int8[] IS NULL OR u.id = ANY (\(ids ?? [])))
            ORDER BY u.level, u.id
            """
        ).map { row in
            var unit = try row.decode(HeadUnit.self)
            unit.warning = NeighbourSpan.warning(for: unit.householdIDs.count, level: unit.level)
            return unit
        }
    }

    /// The unit's compound and level, or `nil`.
    static func unit(_ id: Int, on tx: isolated PostgresConnection) throws -> (compoundID: Int, level: HeadLevel)? {
        try tx.query("SELECT compound_id, level FROM registry.head_units WHERE id = \(id)").first.map {
            (try $0.decode(0, as: Int.self), try $0.decode(1, as: HeadLevel.self))
        }
    }

    static func insertUnit(compoundID: Int, level: HeadLevel, parentID: Int?, name: String, on tx: isolated PostgresConnection) throws -> Int {
        try tx.query(
            """
            INSERT INTO registry.head_units (compound_id, level, parent_id, name) VALUES (\(compoundID), \(level), \(parentID), \(name))
            RETURNING id
            """
        ).scalar(Int.self) ?? 0
    }

    /// How many of these households are live households of the compound.
    static func liveHouseholds(_ ids: [Int], compoundID: Int, on tx: isolated PostgresConnection) throws -> Int {
        try tx.query(
            "SELECT count(*) FROM registry.households WHERE id = ANY (\(ids)) AND compound_id = \(compoundID) AND dissolved_at IS NULL"
        ).scalar(Int.self) ?? 0
    }

    /// Makes the unit link exactly these households (taking them from any other unit).
    static func link(unitID: Int, households: [Int], on tx: isolated PostgresConnection) throws {
        try tx.execute("DELETE FROM registry.unit_households WHERE unit_id = \(unitID) AND household_id <> ALL (\(households))")
        try tx.execute(
            """
            INSERT INTO registry.unit_households (unit_id, household_id) SELECT \(unitID), h FROM unnest(\(households)) AS h
            ON CONFLICT (household_id) DO UPDATE SET unit_id = EXCLUDED.unit_id
            """
        )
    }

    static func coverage(compoundID: Int, on tx: isolated PostgresConnection) throws -> Coverage {
        let row = try tx.query(
            """
            WITH covered AS (
                SELECT DISTINCT uh.household_id FROM registry.unit_households uh
                JOIN registry.head_units u ON u.id = uh.unit_id AND u.level = 'neighbour' AND u.compound_id = \(compoundID)
                JOIN registry.head_assignments a ON a.unit_id = u.id AND a.ended_at IS NULL
            )
            SELECT (SELECT count(*) FROM registry.households WHERE compound_id = \(compoundID) AND dissolved_at IS NULL) AS households,
                   (SELECT count(*) FROM covered c JOIN registry.households h ON h.id = c.household_id AND h.dissolved_at IS NULL) AS with_head,
                   ARRAY(SELECT u.id FROM registry.head_units u WHERE u.compound_id = \(compoundID)
                         AND NOT EXISTS (SELECT 1 FROM registry.head_assignments a WHERE a.unit_id = u.id AND a.ended_at IS NULL) ORDER BY u.id) AS vacant,
                   ARRAY(SELECT u.id FROM registry.head_units u WHERE u.compound_id = \(compoundID) AND u.level = 'neighbour'
                         AND (SELECT count(*) FROM registry.unit_households uh WHERE uh.unit_id = u.id) NOT BETWEEN 5 AND 15 ORDER BY u.id) AS outside
            """
        )[0]
        let households: Int = try row.decode("households")
        let withHead: Int = try row.decode("with_head")
        return Coverage(
            compoundID: compoundID,
            households: households,
            withActiveHead: withHead,
            withoutHead: households - withHead,
            vacantUnits: try row.decode("vacant"),
            unitsOutsideSpan: try row.decode("outside")
        )
    }
}
