import Foundation
import Postgres
import ServiceKit

/// Where a new concern belongs and who reported it, checked against who is raising it:
/// a resident for their own household, a head for a household they cover, staff for a compound
/// in their scope. A place outside the caller's reach is answered as if it did not exist.
enum ConcernIntake {
    /// Places a validated request.
    static func draft(
        _ new: NewConcern,
        title: String,
        description: String,
        photos: [String],
        viewer: Viewer,
        on tx: isolated PostgresConnection
    ) throws -> ConcernDraft {
        let principal = viewer.principal
        var household: HouseholdRow?
        var reporter = new.reporterResidentID
        switch principal.role {
        case .resident:
            guard let own = viewer.household, let row = try HouseholdRow.load(own, on: tx) else {
                throw Refusal.forbidden("the registry has not placed you in a household yet")
            }
            if let asked = new.householdID, asked != own { throw Refusal.invalid("householdID", "must be your own household") }
            if let asked = reporter, asked != principal.residentID { throw Refusal.invalid("reporterResidentID", "must be yourself") }
            household = row
            reporter = principal.residentID
        case .head:
            guard let asked = new.householdID else { throw Refusal.invalid("householdID", "is required when a head raises a concern") }
            guard viewer.speaksFor(household: asked), let row = try HouseholdRow.load(asked, on: tx) else {
                throw Refusal.invalid("householdID", "is not a household you cover")
            }
            household = row
        default:
            if let asked = new.householdID {
                guard let row = try HouseholdRow.load(asked, on: tx) else { throw Refusal.invalid("householdID", "no such household") }
                household = row
            } else if new.compoundID == nil {
                throw Refusal.invalid("compoundID", "is required (or householdID)")
            }
        }
        if let household, household.dissolved { throw Refusal.invalid("householdID", "the household has been dissolved") }
        let compoundID = household?.compoundID ?? new.compoundID ?? 0
        if let asked = new.compoundID, asked != compoundID { throw Refusal.invalid("compoundID", "is not the household's compound") }
        guard let compound = try CompoundRow.load(compoundID, on: tx) else {
            throw Refusal.invalid(household == nil ? "compoundID" : "householdID", "no such compound")
        }
        if principal.isStaff, !viewer.isStaff(areaPath: compound.areaPath, compoundID: compound.id) {
            throw Refusal.invalid(household == nil ? "compoundID" : "householdID", "no such compound")
        }
        if let reporter, reporter != principal.residentID {
            let home = try tx.query("SELECT household_id, compound_id FROM concerns.residents WHERE id = \(reporter)").first
            let fits =
                try household.map { try home?.decode(0, as: Int?.self) == $0.id } ?? (try home?.decode(1, as: Int?.self) == compound.id)
            guard fits else { throw Refusal.invalid("reporterResidentID", "is not a resident of that household or compound") }
        }
        return ConcernDraft(
            compoundID: compound.id,
            areaPath: compound.areaPath,
            gridID: household?.gridID ?? compound.gridIDs.first,
            buildingID: household?.buildingID ?? new.buildingID,
            householdID: household?.id,
            category: new.category,
            source: new.source,
            title: title,
            description: description,
            photos: photos,
            reporterResidentID: reporter,
            raisedBy: principal.subject
        )
    }
}

/// A compound from the projection.
struct CompoundRow: Decodable, Sendable {
    var id: Int
    var name: String
    var areaPath: [Int]
    var gridIDs: [Int]

    static func load(_ id: Int, on connection: isolated PostgresConnection) throws -> CompoundRow? {
        try connection.query("SELECT id, name, area_path, grid_ids AS \"gridIDs\" FROM concerns.compounds WHERE id = \(id)").decode(CompoundRow.self)
            .first
    }
}

/// A household from the projection.
struct HouseholdRow: Decodable, Sendable {
    var id: Int
    var compoundID: Int
    var gridID: Int?
    var buildingID: Int?
    var dissolved: Bool

    static func load(_ id: Int, on connection: isolated PostgresConnection) throws -> HouseholdRow? {
        try connection.query("SELECT id, compound_id, grid_id, building_id, dissolved FROM concerns.households WHERE id = \(id)")
            .decode(HouseholdRow.self).first
    }
}
