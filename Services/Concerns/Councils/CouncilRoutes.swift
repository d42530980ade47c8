import Foundation
import Hummingbird
import Models
import Postgres
import ServiceKit

/// `/v1/councils…`: one four-party council per compound and its seats. Staff covering the compound
/// set them up; residents, heads and seat holders of the compound read them (without subjects).
struct CouncilRoutes {
    let runtime: LinliRuntime

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/councils") { request, context in
            let council = try await create(try await request.decodeBody(NewCouncil.self, context: context), context)
            return EditedResponse(status: .created, response: council)
        }
        router.get("/v1/councils") { request, context in
            let principal = try context.requirePrincipal()
            let compoundID = try request.integerParameter("compoundID")
            return try await runtime.pool.withConnection { connection in
                let viewer = try Viewer.load(principal, now: runtime.clock.now(), on: connection)
                let councils = try CouncilStore.councils(where: Self.visibility(of: viewer), compoundID: compoundID, on: connection)
                return try councils.map { try view($0, viewer: viewer, on: connection) }
            }
        }
        router.get("/v1/councils/{id}") { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            return try await runtime.pool.withConnection { connection in
                let viewer = try Viewer.load(try context.requirePrincipal(), now: runtime.clock.now(), on: connection)
                let council = try Self.visible(id, viewer: viewer, on: connection)
                return try view(council, viewer: viewer, on: connection)
            }
        }
        router.post("/v1/councils/{id}/seats") { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let seat = try Self.validated([try await request.decodeBody(NewSeat.self, context: context)], field: { _ in "" })[0]
            let added = try await runtime.pool.withTransaction { tx in
                let viewer = try Viewer.load(try context.requirePrincipal(), now: runtime.clock.now(), on: tx)
                try Self.requireStaff(for: try Self.visible(id, viewer: viewer, on: tx), viewer: viewer)
                return try CouncilStore.addSeat(seat, to: id, on: tx)
            }
            return EditedResponse(status: .created, response: added)
        }
        router.delete("/v1/councils/{id}/seats/{seatID}") { _, context in
            let (id, seatID) = (try context.parameters.require("id", as: Int.self), try context.parameters.require("seatID", as: Int.self))
            try await runtime.pool.withTransaction { tx in
                let viewer = try Viewer.load(try context.requirePrincipal(), now: runtime.clock.now(), on: tx)
                try Self.requireStaff(for: try Self.visible(id, viewer: viewer, on: tx), viewer: viewer)
                guard try CouncilStore.endSeat(seatID, of: id, on: tx) else { throw APIError.notFound("seat") }
            }
            return Response(status: .noContent)
        }
    }

    private func create(_ new: NewCouncil, _ context: LinliRequestContext) async throws -> CouncilView {
        let principal = try context.requirePrincipal()
        guard principal.isStaff else { throw APIError.forbidden("only staff set up councils") }
        var checks = FieldChecks()
        let name = checks.text(new.name, field: "name", required: false, max: 100)
        try checks.check()
        let seats = try Self.validated(new.seats ?? []) { "seats[\($0)]." }
        return try await runtime.pool.withTransaction { tx in
            let viewer = try Viewer.load(principal, now: runtime.clock.now(), on: tx)
            guard let compound = try CompoundRow.load(new.compoundID, on: tx), viewer.isStaff(areaPath: compound.areaPath, compoundID: compound.id)
            else { throw APIError.invalid("compoundID", "no such compound") }
            let exists = try tx.query("SELECT 1 FROM concerns.councils WHERE compound_id = \(compound.id)").rowCount > 0
            guard !exists else { throw APIError.conflict("the compound already has a council", code: "already-exists") }
            let id = try CouncilStore.insert(compoundID: compound.id, name: name ?? "\(compound.name)四方议事会", on: tx)
            for seat in seats { _ = try CouncilStore.addSeat(seat, to: id, on: tx) }
            return try view(try Self.visible(id, viewer: viewer, on: tx), viewer: viewer, on: tx)
        }
    }

    private func view(_ council: CouncilRecord, viewer: Viewer, on connection: isolated PostgresConnection) throws -> CouncilView {
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

    /// The council, if the viewer may see it (staff covering its compound, or members of the compound); else 404.
    static func visible(_ id: Int, viewer: Viewer, on connection: isolated PostgresConnection) throws -> CouncilRecord {
        guard let council = try CouncilStore.council(id, on: connection),
            viewer.isStaff(areaPath: council.areaPath, compoundID: council.compoundID) || viewer.memberCompounds.contains(council.compoundID)
        else { throw APIError.notFound("council") }
        return council
    }

    /// 403 unless the viewer is staff covering the council's compound.
    static func requireStaff(for council: CouncilRecord, viewer: Viewer) throws {
        guard viewer.isStaff(areaPath: council.areaPath, compoundID: council.compoundID) else {
            throw APIError.forbidden("only staff covering the compound manage its council")
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
