import Foundation
import Models
import Postgres
import ServiceKit

extension CouncilDesk {
    /// The council as the viewer may see it: seat holders' subjects only for staff covering it.
    static func view(_ council: CouncilRecord, viewer: Viewer, on connection: isolated PostgresConnection) throws -> CouncilView {
        let staff = viewer.isStaff(areaPath: council.areaPath, compoundID: council.compoundID)
        var seats = try CouncilStore.seats(of: council.id, on: connection)
        if !staff { for index in seats.indices { seats[index].holderSubject = nil } }
        let seated = Set(seats.map(\.party))
        return CouncilView(
            id: council.id,
            compoundID: council.compoundID,
            name: council.name,
            createdAt: council.createdAt,
            seats: seats,
            everyPartySeated: CouncilParty.all.allSatisfy { seated.contains($0.rawValue) }
        )
    }

    /// The council, if the viewer may see it (staff covering its compound, or members of the compound); else not found.
    static func visible(_ id: Int, viewer: Viewer, on connection: isolated PostgresConnection) throws -> CouncilRecord {
        guard let council = try CouncilStore.council(id, on: connection),
            viewer.isStaff(areaPath: council.areaPath, compoundID: council.compoundID) || viewer.memberCompounds.contains(council.compoundID)
        else { throw Refusal.notFound("council") }
        return council
    }

    /// Forbidden unless the viewer is staff covering the council's compound.
    static func requireStaff(for council: CouncilRecord, viewer: Viewer) throws {
        guard viewer.isStaff(areaPath: council.areaPath, compoundID: council.compoundID) else {
            throw Refusal.forbidden("only staff covering the compound manage its council")
        }
    }

    /// Councils a list may include (the compound is `p`).
    static func visibility(of viewer: Viewer) -> SQL {
        let principal = viewer.principal
        switch principal.role {
        case .admin: return "TRUE"
        case .district: return "p.area_path && \(principal.areaIDs)"
        case .secretary: return "c.compound_id = ANY (\(principal.compoundIDs))"
        default: return "c.compound_id = ANY (\(Array(viewer.memberCompounds)))"
        }
    }

    /// Checks seats, naming the field of each problem.
    static func validated(_ seats: [NewSeat], field: (Int) -> String) throws -> [NewSeat] {
        var checks = FieldChecks()
        let result = seats.enumerated().map { index, seat in
            let prefix = field(index)
            checks.choice(seat.party, field: prefix + "party", in: CouncilParty.all.map(\.rawValue))
            let subject = checks.text(seat.holderSubject, field: prefix + "holderSubject", max: 200) ?? ""
            let name = checks.text(seat.holderName, field: prefix + "holderName", max: 100) ?? ""
            return NewSeat(party: seat.party, holderSubject: subject, holderName: name)
        }
        try checks.check()
        return result
    }
}
