import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// Keeps the service's own copy of what it needs from the registry: compounds, households,
/// residents (name, phone, placement) and the heads' assignments. Each handler runs in the
/// transaction that completes its event and applies it only if it is newer than what is stored,
/// so a late or repeated event changes nothing.
enum RegistryProjection {
    /// - Parameter scopes: the cached sign-in scopes; a move drops the resident's (see ``ScopeResolverCache``).
    static func register(on worker: JobWorker, scopes: ScopeResolverCache? = nil) {
        worker.subscribe(CompoundChanged.self) { event, _, tx, _ in
            try tx.execute(
                """
                INSERT INTO concerns.compounds (id, name, area_path, grid_ids, has_owners_committee, has_property_company, revision)
                VALUES (\(event.compoundID), \(event.name), \(event.areaPath), \(event.gridIDs), \(event.hasOwnersCommittee),
                        \(event.hasPropertyCompany), \(event.revision))
                ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, area_path = EXCLUDED.area_path, grid_ids = EXCLUDED.grid_ids,
                    has_owners_committee = EXCLUDED.has_owners_committee, has_property_company = EXCLUDED.has_property_company,
                    revision = EXCLUDED.revision
                WHERE concerns.compounds.revision < EXCLUDED.revision
                """
            )
        }
        worker.subscribe(HouseholdChanged.self) { event, _, tx, _ in
            let place = event.placement
            try tx.execute(
                """
                INSERT INTO concerns.households (id, compound_id, area_path, grid_id, building_id, dwelling, member_ids, dissolved, revision)
                VALUES (\(event.householdID), \(place.compoundID), \(place.areaPath), \(place.gridID), \(place.buildingID), \(event.dwelling),
                        \(event.memberIDs), \(event.dissolved), \(event.revision))
                ON CONFLICT (id) DO UPDATE SET compound_id = EXCLUDED.compound_id, area_path = EXCLUDED.area_path,
                    grid_id = EXCLUDED.grid_id, building_id = EXCLUDED.building_id, dwelling = EXCLUDED.dwelling,
                    member_ids = EXCLUDED.member_ids, dissolved = EXCLUDED.dissolved, revision = EXCLUDED.revision
                WHERE concerns.households.revision < EXCLUDED.revision
                """
            )
        }
        worker.subscribe(ResidentRegistered.self) { event, _, tx, _ in
            try upsertResident(event.residentID, name: event.name, phone: event.phone, revision: event.revision, on: tx)
            try place(event.residentID, at: event.placement, revision: event.revision, on: tx)
        }
        worker.subscribe(ResidentChanged.self) { event, _, tx, _ in
            try upsertResident(event.residentID, name: event.name, phone: event.phone, revision: event.revision, on: tx)
        }
        worker.subscribe(ResidentMoved.self) { event, _, tx, _ in
            try place(event.residentID, at: event.to, revision: event.revision, on: tx)
            scopes?.invalidate(residentID: event.residentID)
        }
        HeadProjection.register(on: worker, scopes: scopes)
    }

    private static func upsertResident(_ id: Int, name: String, phone: String?, revision: Int, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            INSERT INTO concerns.residents (id, name, phone, revision) VALUES (\(id), \(name), \(phone), \(revision))
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, phone = EXCLUDED.phone, revision = EXCLUDED.revision
            WHERE concerns.residents.revision < EXCLUDED.revision
            """
        )
    }

    /// Sets where a resident lives (`nil`: they left the city).
    private static func place(_ id: Int, at placement: Placement?, revision: Int, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            INSERT INTO concerns.residents (id, compound_id, household_id, area_path, placement_revision)
            VALUES (\(id), \(placement?.compoundID), \(placement?.householdID), \(placement?.areaPath), \(revision))
            ON CONFLICT (id) DO UPDATE SET compound_id = EXCLUDED.compound_id, household_id = EXCLUDED.household_id,
                area_path = EXCLUDED.area_path, placement_revision = EXCLUDED.placement_revision
            WHERE concerns.residents.placement_revision < EXCLUDED.placement_revision
            """
        )
    }
}
