import Foundation
import Models
import Postgres

/// Head assignments' SQL: each write returns the event that tells the other services.
extension HeadStore {
    /// Ends the unit's open assignment (if any) on `endedOn`; returns its `head.vacated`.
    static func vacate(unitID: Int, endedOn: Date, on tx: isolated PostgresConnection) throws -> [HeadVacated] {
        try tx.query(
            """
            UPDATE registry.head_assignments a SET ended_at = now(), ends_on = least(coalesce(a.ends_on, \(endedOn)::date), \(endedOn)::date)
            FROM registry.head_units u
            WHERE a.unit_id = \(unitID) AND a.ended_at IS NULL AND u.id = a.unit_id
            RETURNING a.id, a.resident_id, u.compound_id, u.level,
                      ARRAY(SELECT household_id FROM registry.unit_households WHERE unit_id = u.id ORDER BY household_id) AS households
            """
        ).map { row in
            HeadVacated(
                assignmentID: try row.decode("id"),
                level: try row.decode("level"),
                residentID: try row.decode("resident_id"),
                compoundID: try row.decode("compound_id"),
                unitID: unitID,
                householdIDs: try row.decode("households"),
                endedOn: endedOn
            )
        }
    }

    /// Opens an assignment; returns its `head.assigned` with the households the unit links now.
    static func assign(unitID: Int, residentID: Int, startsOn: Date, endsOn: Date?, on tx: isolated PostgresConnection) throws -> HeadAssigned {
        let row = try tx.query(
            """
            INSERT INTO registry.head_assignments (unit_id, resident_id, starts_on, ends_on)
            VALUES (\(unitID), \(residentID), \(startsOn)::date, \(endsOn)::date)
            RETURNING id, (SELECT compound_id FROM registry.head_units WHERE id = \(unitID)) AS compound_id,
                      (SELECT level FROM registry.head_units WHERE id = \(unitID)) AS level,
                      ARRAY(SELECT household_id FROM registry.unit_households WHERE unit_id = \(unitID) ORDER BY household_id) AS households
            """
        )[0]
        return HeadAssigned(
            assignmentID: try row.decode("id"),
            level: try row.decode("level"),
            residentID: residentID,
            compoundID: try row.decode("compound_id"),
            unitID: unitID,
            householdIDs: try row.decode("households"),
            startsOn: startsOn,
            endsOn: endsOn
        )
    }

    /// The unit's open assignment: its head and last day, or `nil` when the unit is vacant.
    static func openAssignment(unitID: Int, on tx: isolated PostgresConnection) throws -> (residentID: Int, endsOn: Date?)? {
        try tx.query(
            "SELECT resident_id, ends_on::timestamptz FROM registry.head_assignments WHERE unit_id = \(unitID) AND ended_at IS NULL"
        ).first.map { (try $0.decode(0, as: Int.self), try $0.decode(1, as: Date?.self)) }
    }

    /// An open assignment's unit and compound, or `nil` when there is no such open assignment.
    static func openAssignment(_ id: Int, on tx: isolated PostgresConnection) throws -> (unitID: Int, compoundID: Int)? {
        try tx.query(
            """
            SELECT a.unit_id, u.compound_id FROM registry.head_assignments a JOIN registry.head_units u ON u.id = a.unit_id
            WHERE a.id = \(id) AND a.ended_at IS NULL
            """
        ).first.map { (try $0.decode(0, as: Int.self), try $0.decode(1, as: Int.self)) }
    }

    /// The units whose open assignment's last day is before `now`'s day.
    static func unitsWithExpiredAssignments(now: Date, on tx: isolated PostgresConnection) throws -> [Int] {
        try tx.query(
            "SELECT unit_id FROM registry.head_assignments WHERE ended_at IS NULL AND ends_on < \(now)::date"
        ).column("unit_id", as: Int.self)
    }
}
