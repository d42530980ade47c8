import Foundation
import Models

/// A concern as stored: one row of `concerns.concerns`.
struct ConcernRecord: Decodable, Sendable {
    var id: Int
    var compoundID: Int
    var areaPath: [Int]
    var gridID: Int?
    var buildingID: Int?
    var householdID: Int?
    var category: String
    var source: String
    var title: String
    var description: String
    var photos: [String]
    var reporterResidentID: Int?
    var raisedBy: String
    var stateName: String
    var ownerPartyName: String?
    var expectedBy: Date
    var escalations: Int
    var meTooCount: Int
    var reopenCount: Int
    var raisedAt: Date
    var acknowledgedAt: Date?
    var settledAt: Date?
    var confirmedAt: Date?
    var closedAt: Date?
    var updatedAt: Date
    var revision: Int

    /// The columns, in the order the properties expect them.
    static let columns = """
        id, compound_id, area_path, grid_id, building_id, household_id, category, source, title, description, photos,
        reporter_resident_id, raised_by, state AS state_name, owner_party AS owner_party_name, expected_by, escalations,
        me_too_count, reopen_count, raised_at, acknowledged_at, settled_at, confirmed_at, closed_at, updated_at, revision
        """

    var state: ConcernState { ConcernState(rawValue: stateName) ?? .open }
    var ownerParty: CouncilParty? { ownerPartyName.map(CouncilParty.init(rawValue:)) }

    /// What every concern event says about it.
    var summary: ConcernSummary {
        ConcernSummary(
            concernID: id,
            placement: Placement(areaPath: areaPath, compoundID: compoundID, gridID: gridID, buildingID: buildingID, householdID: householdID),
            category: category,
            source: source,
            title: title,
            reporterResidentID: reporterResidentID,
            raisedAt: raisedAt
        )
    }
}

/// One update of a concern's history.
struct ConcernUpdateRecord: Codable, Sendable, Equatable {
    var id: Int
    /// The state after the change; absent for a note.
    var state: String?
    /// `raise`, an action (`acknowledge`, `settle`, …), `note`, `assign`, or `decision`.
    var action: String
    var `public`: Bool
    var note: String?
    /// The token subject of who wrote it (shown to staff only).
    var author: String?
    var authorParty: String?
    var createdAt: Date
}

/// A reporter as shown on a concern: the name to those who may see the concern's own side, the
/// phone only to staff who may see personal data.
struct Reporter: Codable, Sendable, Equatable {
    var residentID: Int
    var name: String?
    var phone: String?
}
