import Foundation
import Models
import Postgres
import ServiceKit

/// One four-party council per compound and its seats: staff covering the compound set them up;
/// residents, heads and seat holders of the compound read them (without the holders' subjects).
/// Each method authorises the caller against the council itself and throws ``Refusal``.
struct CouncilDesk {
    let pool: PostgresPool
    /// What "now" is (the viewer's current seats and memberships are judged by it).
    let clock: WallClock

    /// The councils the caller may see, optionally of one compound.
    func councils(compoundID: Int?, by principal: Principal) async throws -> [CouncilView] {
        try await pool.withConnection { connection in
            let viewer = try Viewer.load(principal, now: clock.now(), on: connection)
            let councils = try CouncilStore.councils(where: Self.visibility(of: viewer), compoundID: compoundID, on: connection)
            return try councils.map { try Self.view($0, viewer: viewer, on: connection) }
        }
    }

    /// One council as the caller may see it.
    func council(_ id: Int, by principal: Principal) async throws -> CouncilView {
        try await pool.withConnection { connection in
            let viewer = try Viewer.load(principal, now: clock.now(), on: connection)
            return try Self.view(try Self.visible(id, viewer: viewer, on: connection), viewer: viewer, on: connection)
        }
    }

    /// Sets up a compound's council (only staff covering it; one per compound) with its first seats.
    func create(_ new: NewCouncil, by principal: Principal) async throws -> CouncilView {
        guard principal.isStaff else { throw Refusal.forbidden("only staff set up councils") }
        var checks = FieldChecks()
        let name = checks.text(new.name, field: "name", required: false, max: 100)
        try checks.check()
        let seats = try Self.validated(new.seats ?? []) { "seats[\($0)]." }
        return try await pool.withTransaction { tx in
            let viewer = try Viewer.load(principal, now: clock.now(), on: tx)
            guard let compound = try CompoundRow.load(new.compoundID, on: tx), viewer.isStaff(areaPath: compound.areaPath, compoundID: compound.id)
            else { throw Refusal.invalid("compoundID", "no such compound") }
            guard try !CouncilStore.exists(compoundID: compound.id, on: tx) else {
                throw Refusal.conflict("the compound already has a council", code: "already-exists")
            }
            let id = try CouncilStore.insert(compoundID: compound.id, name: name ?? "\(compound.name)四方议事会", on: tx)
            for seat in seats { _ = try CouncilStore.addSeat(seat, to: id, on: tx) }
            return try Self.view(try Self.visible(id, viewer: viewer, on: tx), viewer: viewer, on: tx)
        }
    }

    /// Adds a seat to a council (staff covering its compound).
    func addSeat(_ new: NewSeat, to id: Int, by principal: Principal) async throws -> SeatView {
        let seat = try Self.validated([new], field: { _ in "" })[0]
        return try await pool.withTransaction { tx in
            let viewer = try Viewer.load(principal, now: clock.now(), on: tx)
            try Self.requireStaff(for: try Self.visible(id, viewer: viewer, on: tx), viewer: viewer)
            return try CouncilStore.addSeat(seat, to: id, on: tx)
        }
    }

    /// Ends a current seat of a council (staff covering its compound).
    func endSeat(_ seatID: Int, of id: Int, by principal: Principal) async throws {
        try await pool.withTransaction { tx in
            let viewer = try Viewer.load(principal, now: clock.now(), on: tx)
            try Self.requireStaff(for: try Self.visible(id, viewer: viewer, on: tx), viewer: viewer)
            guard try CouncilStore.endSeat(seatID, of: id, on: tx) else { throw Refusal.notFound("seat") }
        }
    }
}
