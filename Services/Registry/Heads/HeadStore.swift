import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// The three heads' SQL and the events of assignments.
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
    static func unit(_ id: Int, on tx: isolated PostgresConnection) throws -> (compoundID: Int, level: String)? {
        try tx.query("SELECT compound_id, level FROM registry.head_units WHERE id = \(id)").first.map {
            (try $0.decode(0, as: Int.self), try $0.decode(1, as: String.self))
        }
    }

    /// Ends the unit's open assignment (if any) and publishes `head.vacated`.
    static func vacate(unitID: Int, endedOn: Date, outbox: JobOutbox, correlationID: String?, on tx: isolated PostgresConnection) throws {
        let rows = try tx.query(
            """
            UPDATE registry.head_assignments a SET ended_at = now(), ends_on = least(coalesce(a.ends_on, \(endedOn)::date), \(endedOn)::date)
            FROM registry.head_units u
            WHERE a.unit_id = \(unitID) AND a.ended_at IS NULL AND u.id = a.unit_id
            RETURNING a.id, a.resident_id, u.compound_id, u.level,
                      ARRAY(SELECT household_id FROM registry.unit_households WHERE unit_id = u.id ORDER BY household_id) AS households
            """
        )
        for row in rows {
            try outbox.publish(
                HeadVacated(
                    assignmentID: try row.decode("id"),
                    level: HeadLevel(rawValue: try row.decode("level")),
                    residentID: try row.decode("resident_id"),
                    compoundID: try row.decode("compound_id"),
                    unitID: unitID,
                    householdIDs: try row.decode("households"),
                    endedOn: endedOn
                ),
                correlationID: correlationID,
                on: tx
            )
        }
    }

    /// Opens an assignment and publishes `head.assigned` with the households the unit links now.
    static func assign(
        unitID: Int,
        residentID: Int,
        startsOn: Date,
        endsOn: Date?,
        outbox: JobOutbox,
        correlationID: String?,
        on tx: isolated PostgresConnection
    ) throws -> Int {
        let row = try tx.query(
            """
            INSERT INTO registry.head_assignments (unit_id, resident_id, starts_on, ends_on)
            VALUES (\(unitID), \(residentID), \(startsOn)::date, \(endsOn)::date)
            RETURNING id, (SELECT compound_id FROM registry.head_units WHERE id = \(unitID)) AS compound_id,
                      (SELECT level FROM registry.head_units WHERE id = \(unitID)) AS level,
                      ARRAY(SELECT household_id FROM registry.unit_households WHERE unit_id = \(unitID) ORDER BY household_id) AS households
            """
        )[0]
        let id: Int = try row.decode("id")
        try outbox.publish(
            HeadAssigned(
                assignmentID: id,
                level: HeadLevel(rawValue: try row.decode("level")),
                residentID: residentID,
                compoundID: try row.decode("compound_id"),
                unitID: unitID,
                householdIDs: try row.decode("households"),
                startsOn: startsOn,
                endsOn: endsOn
            ),
            correlationID: correlationID,
            on: tx
        )
        return id
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
