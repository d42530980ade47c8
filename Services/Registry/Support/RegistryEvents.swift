import Foundation
import JobQueue
import Models
import Postgres

/// Builds the registry's events from the rows just written, in the writing transaction, bumping
/// the aggregate's revision so each event id is new and a replay is recognised.
enum RegistryEvents {
    /// `household.changed` with the household's current members.
    static func householdChanged(_ id: Int, on tx: isolated PostgresConnection) throws -> HouseholdChanged {
        let row = try tx.query(
            """
            UPDATE registry.households h SET revision = h.revision + 1 FROM registry.compounds c
            WHERE h.id = \(id) AND c.id = h.compound_id
            RETURNING h.compound_id, h.building_id, h.dwelling, h.revision, h.dissolved_at IS NOT NULL AS dissolved, c.area_path, c.grid_id,
                      ARRAY(SELECT r.id FROM registry.residents r WHERE r.household_id = h.id ORDER BY r.id) AS members
            """,
            prepared: true
        )[0]
        let placement = Placement(
            areaPath: try row.decode("area_path"),
            compoundID: try row.decode("compound_id"),
            gridID: try row.decode("grid_id"),
            buildingID: try row.decode("building_id"),
            householdID: id
        )
        return HouseholdChanged(
            householdID: id,
            placement: placement,
            dwelling: try row.decode("dwelling"),
            memberIDs: try row.decode("members"),
            dissolved: try row.decode("dissolved"),
            revision: try row.decode("revision")
        )
    }

    /// `compound.changed` with the compound's organisations as they are now.
    static func compoundChanged(_ id: Int, on tx: isolated PostgresConnection) throws -> CompoundChanged {
        let row = try tx.query(
            """
            UPDATE registry.compounds c SET revision = c.revision + 1, updated_at = now() WHERE c.id = \(id)
            RETURNING c.name, c.area_path, c.grid_id, c.revision,
                EXISTS (SELECT 1 FROM registry.party_branches b WHERE b.compound_id = c.id) AS branch,
                EXISTS (SELECT 1 FROM registry.organisations o WHERE o.compound_id = c.id AND o.kind = 'owners-committee') AS committee,
                EXISTS (SELECT 1 FROM registry.organisations o WHERE o.compound_id = c.id AND o.kind = 'property-company') AS property,
                EXISTS (SELECT 1 FROM registry.organisations o WHERE o.compound_id = c.id AND o.red_property) AS red
            """,
            prepared: true
        )[0]
        return CompoundChanged(
            compoundID: id,
            name: try row.decode("name"),
            areaPath: try row.decode("area_path"),
            gridIDs: (try row.decode("grid_id", as: Int?.self)).map { [$0] } ?? [],
            hasPartyBranch: try row.decode("branch"),
            hasOwnersCommittee: try row.decode("committee"),
            hasPropertyCompany: try row.decode("property"),
            hasRedProperty: try row.decode("red"),
            revision: try row.decode("revision")
        )
    }

    /// The placement of a household (for resident events).
    static func placement(household id: Int, on tx: isolated PostgresConnection) throws -> Placement {
        let row = try tx.query(
            """
            SELECT h.compound_id, h.building_id, c.area_path, c.grid_id FROM registry.households h
            JOIN registry.compounds c ON c.id = h.compound_id WHERE h.id = \(id)
            """,
            prepared: true
        )[0]
        return Placement(
            areaPath: try row.decode("area_path"),
            compoundID: try row.decode("compound_id"),
            gridID: try row.decode("grid_id"),
            buildingID: try row.decode("building_id"),
            householdID: id
        )
    }
}
