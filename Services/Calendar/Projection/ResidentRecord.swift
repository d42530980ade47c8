import Foundation
import Models
import Postgres
import ServiceKit

/// A resident as the calendar's projection knows them.
struct ResidentRecord: Codable, Sendable, Equatable {
    var id: Int
    var name: String
    /// Personal data: only staff who may see it get it in a response.
    var phone: String?
    /// `nil` once the resident left the city.
    var compoundID: Int?
    var householdID: Int?
    var areaPath: [Int]
    var gridID: Int?
    var buildingID: Int?

    static let columns = "id, name, phone, compound_id, household_id, area_path, grid_id, building_id"

    /// Where the resident lives, as events carry it.
    var placement: Placement? {
        compoundID.map { Placement(areaPath: areaPath, compoundID: $0, gridID: gridID, buildingID: buildingID, householdID: householdID) }
    }
}

/// Who lives where and who covers whom, read from the projection.
enum Residency {
    static func resident(_ id: Int, on tx: isolated PostgresConnection) throws -> ResidentRecord? {
        try tx.query("SELECT \(unescaped: ResidentRecord.columns) FROM calendar.residents WHERE id = \(id)").decode(ResidentRecord.self).first
    }

    static func residents(_ ids: [Int], on tx: isolated PostgresConnection) throws -> [Int: ResidentRecord] {
        let rows = try tx.query("SELECT \(unescaped: ResidentRecord.columns) FROM calendar.residents WHERE id = ANY (\(ids))")
            .decode(ResidentRecord.self)
        return Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether `headID` holds an assignment, current at `now`, whose unit includes `householdID`.
    static func head(_ headID: Int, covers householdID: Int, now: Date, on tx: isolated PostgresConnection) throws -> Bool {
        try tx.query(
            """
            SELECT EXISTS (
                SELECT 1 FROM calendar.head_assignments
                WHERE resident_id = \(headID) AND vacated_on IS NULL AND \(householdID) = ANY (household_ids)
                  AND (starts_on IS NULL OR starts_on <= \(now)) AND (ends_on IS NULL OR ends_on >= \(now)))
            """
        ).scalar(Bool.self) ?? false
    }

    /// The households a head covers through an assignment not vacated and not ended at `now`.
    static func households(coveredBy headID: Int, now: Date, on tx: isolated PostgresConnection) throws -> [Int] {
        try tx.query(
            """
            SELECT DISTINCT unnest(household_ids) AS household FROM calendar.head_assignments
            WHERE resident_id = \(headID) AND vacated_on IS NULL AND (ends_on IS NULL OR ends_on >= \(now))
            """
        ).column("household", as: Int.self)
    }

    /// The compounds a resident or head belongs to: where they live, their households', and where they serve as a head.
    static func homeCompounds(of principal: Principal, now: Date, on tx: isolated PostgresConnection) throws -> Set<Int> {
        guard principal.has(.resident, .head) else { return [] }
        let rows = try tx.query(
            """
            SELECT compound_id FROM calendar.residents WHERE id = \(principal.residentID) AND compound_id IS NOT NULL
            UNION SELECT compound_id FROM calendar.households WHERE id = ANY (\(principal.householdIDs))
            UNION SELECT compound_id FROM calendar.head_assignments
                  WHERE resident_id = \(principal.residentID) AND vacated_on IS NULL AND (ends_on IS NULL OR ends_on >= \(now))
            """
        )
        return Set(try rows.column("compound_id", as: Int.self))
    }

    /// A compound's name and area path, if the projection knows it.
    static func compound(_ id: Int, on tx: isolated PostgresConnection) throws -> (name: String, areaPath: [Int])? {
        let rows = try tx.query("SELECT name, area_path FROM calendar.compounds WHERE id = \(id)")
        guard let row = rows.first else { return nil }
        return (try row.decode("name", as: String.self), try row.decode("area_path", as: [Int].self))
    }
}
