import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

extension ResidentDesk {
    /// Moves a resident to another household (the history keeps the old one), or out of the city, and
    /// publishes `resident.moved` and `household.changed` for each household touched. Staff only.
    func move(_ id: Int, _ move: ResidentMove, by caller: Caller) async throws -> [Residency] {
        let now = clock.now()
        let principal = caller.principal
        return try await jobs.withTransaction { tx, outbox in
            let from = try Access.requireManage(principal, covers: try RegistryScopes.resident(id, on: tx), "resident")
            guard let fromHousehold = from.householdID, try ResidentStore.find(id, showParty: false, on: tx)?.householdID != nil else {
                throw Refusal.conflict("the resident has already left", code: "already-left")
            }
            var target: ObjectScope?
            if let householdID = move.householdID {
                guard householdID != fromHousehold else { throw Refusal.invalid("householdID", "is the resident's household already") }
                // The destination must be inside the mover's scope too (a district moves within its districts).
                target = try Access.require(principal, covers: try RegistryScopes.household(householdID, on: tx), "household")
            }
            let fromPlacement = try RegistryEvents.placement(household: fromHousehold, on: tx)
            try ResidentStore.endResidency(id, on: tx)
            if let target, let household = target.householdID, let compound = target.compoundID {
                try ResidentStore.addResidency(id, householdID: household, compoundID: compound, on: tx)
            }
            let revision = try ResidentStore.setHousehold(id, householdID: target?.householdID, compoundID: target?.compoundID, on: tx)
            let toPlacement = try target?.householdID.map { try RegistryEvents.placement(household: $0, on: tx) }
            try outbox.publish(
                ResidentMoved(residentID: id, from: fromPlacement, to: toPlacement, movedAt: now, revision: revision),
                correlationID: caller.requestID,
                on: tx
            )
            for household in [fromHousehold] + (target?.householdID.map { [$0] } ?? []) {
                try outbox.publish(try RegistryEvents.householdChanged(household, on: tx), correlationID: caller.requestID, on: tx)
            }
            return try ResidentStore.history(id, on: tx)
        }
    }
}
