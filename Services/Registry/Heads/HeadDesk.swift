import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// The three heads (三长制): a compound's units, the households a neighbour unit links, and coverage,
/// managed by the compound's staff.
struct HeadDesk {
    let jobs: JobQueue
    let clock: WallClock

    /// Adds a unit under a parent of the level above it (an area unit has none).
    func createUnit(_ new: NewUnit, compoundID: Int, by principal: Principal) async throws -> HeadUnit {
        var checks = FieldChecks()
        let level = HeadLevel.all.first { $0.rawValue == new.level }
        if level == nil { checks.choice(new.level, field: "level", in: HeadLevel.all.map(\.rawValue)) }
        let name = checks.text(new.name, field: "name", max: 100)
        try checks.check()
        guard let level, let name else { throw Refusal.invalid(checks.problems) }  // not reached: refused above
        return try await jobs.pool.withTransaction { tx in
            _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
            if let parent = new.parentID {
                let expected = level.parentLevel
                guard let found = try HeadStore.unit(parent, on: tx), found.compoundID == compoundID, found.level == expected else {
                    let wanted = expected.map { "\($0.rawValue) unit of this compound" } ?? "nothing: an area unit has no parent"
                    throw Refusal.invalid("parentID", "must be a \(wanted)")
                }
            }
            let id = try HeadStore.insertUnit(compoundID: compoundID, level: level, parentID: new.parentID, name: name, on: tx)
            return try HeadStore.units(compoundID: compoundID, ids: [id], on: tx)[0]
        }
    }

    func units(compoundID: Int, by principal: Principal) async throws -> [HeadUnit] {
        try await jobs.pool.withConnection { tx in
            _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
            return try HeadStore.units(compoundID: compoundID, on: tx)
        }
    }

    func coverage(compoundID: Int, by principal: Principal) async throws -> Coverage {
        try await jobs.pool.withConnection { tx in
            _ = try Access.requireManage(principal, covers: try RegistryScopes.compound(compoundID, on: tx), "compound")
            return try HeadStore.coverage(compoundID: compoundID, on: tx)
        }
    }

    /// Replaces the households a neighbour unit links; an active head's assignment is renewed so
    /// its event carries the new coverage.
    func setHouseholds(_ unitID: Int, _ households: [Int], by caller: Caller) async throws -> HeadUnit {
        guard households.count <= NeighbourSpan.maximum else {
            throw Refusal.invalid("householdIDs", "a neighbour unit links at most \(NeighbourSpan.maximum) households")
        }
        let now = clock.now()
        return try await jobs.withTransaction { tx, outbox in
            guard let unit = try HeadStore.unit(unitID, on: tx) else { throw Refusal.notFound("head unit") }
            _ = try Access.requireManage(caller.principal, covers: try RegistryScopes.compound(unit.compoundID, on: tx), "head unit")
            guard unit.level == .neighbour else { throw Refusal.invalid("householdIDs", "only neighbour units link households") }
            guard try HeadStore.liveHouseholds(households, compoundID: unit.compoundID, on: tx) == households.count else {
                throw Refusal.invalid("householdIDs", "must all be households of the unit's compound")
            }
            let head = try HeadStore.openAssignment(unitID: unitID, on: tx)
            try Self.vacate(unitID: unitID, on: now, outbox: outbox, correlationID: caller.requestID, on: tx)
            try HeadStore.link(unitID: unitID, households: households, on: tx)
            if let head {
                let assigned = try HeadStore.assign(unitID: unitID, residentID: head.residentID, startsOn: now, endsOn: head.endsOn, on: tx)
                try outbox.publish(assigned, correlationID: caller.requestID, on: tx)
            }
            return try HeadStore.units(compoundID: unit.compoundID, ids: [unitID], on: tx)[0]
        }
    }

    /// Ends the unit's open assignment, if any, and publishes its `head.vacated`.
    static func vacate(unitID: Int, on day: Date, outbox: JobOutbox, correlationID: String?, on tx: isolated PostgresConnection) throws {
        for vacated in try HeadStore.vacate(unitID: unitID, endedOn: day, on: tx) {
            try outbox.publish(vacated, correlationID: correlationID, on: tx)
        }
    }
}
