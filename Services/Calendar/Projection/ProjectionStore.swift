import Foundation
import Models
import Postgres

/// The projection's SQL: one idempotent upsert per registry event, guarded by revisions.
enum ProjectionStore {
    /// - Returns: whether the compound was new to the calendar.
    @discardableResult
    static func apply(_ event: CompoundChanged, on tx: isolated PostgresConnection) throws -> Bool {
        let inserted = try tx.query(
            """
            INSERT INTO calendar.compounds (id, name, area_path, revision)
            VALUES (\(event.compoundID), \(event.name), \(event.areaPath), \(event.revision))
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, area_path = EXCLUDED.area_path,
                revision = EXCLUDED.revision, updated_at = now()
            WHERE calendar.compounds.revision < EXCLUDED.revision
            RETURNING (xmax = 0) AS inserted
            """
        )
        return try inserted.scalar(Bool.self) ?? false
    }

    static func apply(_ event: HouseholdChanged, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            INSERT INTO calendar.households (id, compound_id, area_path, dwelling, member_ids, dissolved, revision)
            VALUES (\(event.householdID), \(event.placement.compoundID), \(event.placement.areaPath), \(event.dwelling),
                    \(event.memberIDs), \(event.dissolved), \(event.revision))
            ON CONFLICT (id) DO UPDATE SET compound_id = EXCLUDED.compound_id, area_path = EXCLUDED.area_path,
                dwelling = EXCLUDED.dwelling, member_ids = EXCLUDED.member_ids, dissolved = EXCLUDED.dissolved,
                revision = EXCLUDED.revision
            WHERE calendar.households.revision < EXCLUDED.revision
            """
        )
    }

    static func apply(_ event: ResidentRegistered, on tx: isolated PostgresConnection) throws {
        try upsertName(event.residentID, name: event.name, phone: event.phone, revision: event.revision, on: tx)
        try upsertPlacement(event.residentID, event.placement, revision: event.revision, on: tx)
    }

    static func apply(_ event: ResidentChanged, on tx: isolated PostgresConnection) throws {
        try upsertName(event.residentID, name: event.name, phone: event.phone, revision: event.revision, on: tx)
    }

    /// A move to another household or compound; leaving the city (`to == nil`) clears the placement.
    static func apply(_ event: ResidentMoved, on tx: isolated PostgresConnection) throws {
        try upsertPlacement(event.residentID, event.to, revision: event.revision, on: tx)
    }

    static func apply(_ event: HeadAssigned, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            INSERT INTO calendar.head_assignments (id, level, resident_id, compound_id, unit_id, household_ids, starts_on, ends_on)
            VALUES (\(event.assignmentID), \(event.level.rawValue), \(event.residentID), \(event.compoundID), \(event.unitID),
                    \(event.householdIDs), \(event.startsOn), \(event.endsOn))
            ON CONFLICT (id) DO UPDATE SET level = EXCLUDED.level, resident_id = EXCLUDED.resident_id,
                compound_id = EXCLUDED.compound_id, unit_id = EXCLUDED.unit_id, household_ids = EXCLUDED.household_ids,
                starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on
            """
        )
    }

    /// A vacancy may arrive before its assignment (the topics are delivered independently): it is kept either way.
    static func apply(_ event: HeadVacated, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            INSERT INTO calendar.head_assignments (id, level, resident_id, compound_id, unit_id, household_ids, vacated_on)
            VALUES (\(event.assignmentID), \(event.level.rawValue), \(event.residentID), \(event.compoundID), \(event.unitID),
                    \(event.householdIDs), \(event.endedOn))
            ON CONFLICT (id) DO UPDATE SET vacated_on = EXCLUDED.vacated_on
            """
        )
    }

    private static func upsertName(_ id: Int, name: String, phone: String?, revision: Int, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            INSERT INTO calendar.residents (id, name, phone, name_revision) VALUES (\(id), \(name), \(phone), \(revision))
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, phone = EXCLUDED.phone, name_revision = EXCLUDED.name_revision
            WHERE calendar.residents.name_revision < EXCLUDED.name_revision
            """
        )
    }

    private static func upsertPlacement(_ id: Int, _ placement: Placement?, revision: Int, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            INSERT INTO calendar.residents (id, compound_id, household_id, area_path, grid_id, building_id, placement_revision)
            VALUES (\(id), \(placement?.compoundID), \(placement?.householdID), \(placement?.areaPath ?? []), \(placement?.gridID),
                    \(placement?.buildingID), \(revision))
            ON CONFLICT (id) DO UPDATE SET compound_id = EXCLUDED.compound_id, household_id = EXCLUDED.household_id,
                area_path = EXCLUDED.area_path, grid_id = EXCLUDED.grid_id, building_id = EXCLUDED.building_id,
                placement_revision = EXCLUDED.placement_revision
            WHERE calendar.residents.placement_revision < EXCLUDED.placement_revision
            """
        )
    }
}
