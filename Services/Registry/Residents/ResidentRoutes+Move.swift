import Foundation
import Hummingbird
import JobQueue
import Models
import Postgres
import ServiceKit

extension ResidentRoutes {
    /// `POST /v1/residents/{id}/move`: to another household (history kept), or out of the city.
    func addMove(to router: Router<LinliRequestContext>) {
        router.post("/v1/residents/{id}/move") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id", as: Int.self)
            let move = try await request.decodeBody(ResidentMove.self, context: context)
            return try await runtime.jobs.withTransaction { tx, outbox in
                let from = try Access.requireManage(principal, covers: try RegistryScopes.resident(id, on: tx), "resident")
                guard let fromHousehold = from.householdID, try ResidentStore.find(id, showParty: false, on: tx)?.householdID != nil else {
                    throw APIError.conflict("the resident has already left", code: "already-left")
                }
                var target: ObjectScope?
                if let householdID = move.householdID {
                    guard householdID != fromHousehold else { throw APIError.invalid("householdID", "is the resident's household already") }
                    // The destination must be inside the mover's scope too (a district moves within its districts).
                    target = try Access.require(principal, covers: try RegistryScopes.household(householdID, on: tx), "household")
                }
                let fromPlacement = try RegistryEvents.placement(household: fromHousehold, on: tx)
                try tx.execute("UPDATE registry.residencies SET moved_out_at = now() WHERE resident_id = \(id) AND moved_out_at IS NULL")
                if let target, let household = target.householdID, let compound = target.compoundID {
                    try tx.execute(
                        "INSERT INTO registry.residencies (resident_id, household_id, compound_id) VALUES (\(id), \(household), \(compound))"
                    )
                }
                let revision =
                    try tx.query(
                        """
                        UPDATE registry.residents SET household_id = \(target?.householdID), compound_id = \(target?.compoundID),
                            revision = revision + 1, updated_at = now()
                        WHERE id = \(id) RETURNING revision
                        """
                    ).scalar(Int.self) ?? 0
                let toPlacement = try target?.householdID.map { try RegistryEvents.placement(household: $0, on: tx) }
                try outbox.publish(
                    ResidentMoved(residentID: id, from: fromPlacement, to: toPlacement, movedAt: Date(), revision: revision),
                    correlationID: context.requestID,
                    on: tx
                )
                for household in [fromHousehold] + (target?.householdID.map { [$0] } ?? []) {
                    try outbox.publish(try RegistryEvents.householdChanged(household, on: tx), correlationID: context.requestID, on: tx)
                }
                return try ResidentStore.history(id, on: tx)
            }
        }
    }
}
