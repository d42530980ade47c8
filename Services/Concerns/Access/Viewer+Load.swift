import Foundation
import Models
import Postgres
import ServiceKit

extension Viewer {
    /// Loads what the projection and the councils say about a principal (three indexed reads).
    static func load(_ principal: Principal, now: Date, on connection: isolated PostgresConnection) throws -> Viewer {
        var viewer = Viewer(principal: principal)
        if let resident = principal.residentID, principal.has(.resident, .head) {
            let rows = try connection.query("SELECT household_id, compound_id FROM concerns.residents WHERE id = \(resident)")
            if let row = rows.first {
                viewer.household = try row.decode(0, as: Int?.self)
                viewer.compound = try row.decode(1, as: Int?.self)
            }
        }
        if let resident = principal.residentID, principal.role == .head {
            let rows = try connection.query(
                """
                SELECT h, a.compound_id FROM concerns.head_assignments a, unnest(a.household_ids) AS h
                WHERE a.resident_id = \(resident) AND a.vacated_on IS NULL AND a.starts_on <= \(now)
                  AND (a.ends_on IS NULL OR a.ends_on > \(now)) AND h = ANY (\(principal.householdIDs))
                """
            )
            for row in rows {
                viewer.coveredHouseholds.insert(try row.decode(0, as: Int.self))
                viewer.headCompounds.insert(try row.decode(1, as: Int.self))
            }
        }
        let seats = try connection.query(
            """
            SELECT c.compound_id, s.party FROM concerns.council_seats s JOIN concerns.councils c ON c.id = s.council_id
            WHERE s.holder_subject = \(principal.subject) AND s.ended_at IS NULL
            """
        )
        viewer.seats = try seats.map { row in Seat(compoundID: try row.decode(0), party: CouncilParty(rawValue: try row.decode(1))) }
        return viewer
    }
}
