import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

extension HeadDesk {
    /// Makes a resident of the unit's compound its head from `startsOn` (today if absent), ending the
    /// previous head's assignment that day; publishes `head.vacated` and `head.assigned`.
    func assign(_ unitID: Int, _ new: NewAssignment, by caller: Caller) async throws -> HeadUnit {
        let startsOn = new.startsOn ?? clock.now()
        if let endsOn = new.endsOn, endsOn < startsOn { throw Refusal.invalid("endsOn", "must not be before startsOn") }
        return try await jobs.withTransaction { tx, outbox in
            guard let unit = try HeadStore.unit(unitID, on: tx) else { throw Refusal.notFound("head unit") }
            _ = try Access.requireManage(caller.principal, covers: try RegistryScopes.compound(unit.compoundID, on: tx), "head unit")
            guard try RegistryScopes.resident(new.residentID, on: tx)?.compoundID == unit.compoundID else {
                throw Refusal.invalid("residentID", "must be a resident of the unit's compound")
            }
            try Self.vacate(unitID: unitID, on: startsOn, outbox: outbox, correlationID: caller.requestID, on: tx)
            let assigned = try HeadStore.assign(unitID: unitID, residentID: new.residentID, startsOn: startsOn, endsOn: new.endsOn, on: tx)
            try outbox.publish(assigned, correlationID: caller.requestID, on: tx)
            return try HeadStore.units(compoundID: unit.compoundID, ids: [unitID], on: tx)[0]
        }
    }

    /// Ends an open assignment on `endedOn` (today if absent); the unit becomes vacant.
    func end(_ assignmentID: Int, _ ending: AssignmentEnding, by caller: Caller) async throws {
        let endedOn = ending.endedOn ?? clock.now()
        try await jobs.withTransaction { tx, outbox in
            guard let open = try HeadStore.openAssignment(assignmentID, on: tx) else { throw Refusal.notFound("open head assignment") }
            _ = try Access.requireManage(caller.principal, covers: try RegistryScopes.compound(open.compoundID, on: tx), "head assignment")
            try Self.vacate(unitID: open.unitID, on: endedOn, outbox: outbox, correlationID: caller.requestID, on: tx)
        }
    }
}
