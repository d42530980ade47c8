import Foundation
import Hummingbird
import JobQueue
import Models
import Postgres
import ServiceKit

extension RewardRoutes {
    /// `POST /v1/redemptions/{id}/confirm` (staff) and `/cancel` (staff, or the resident while reserved).
    func addDecisions(to router: Router<LinliRequestContext>) {
        router.post("/v1/redemptions/{id}/confirm") { _, context in
            try await decide(try context.parameters.require("id", as: Int.self), to: "confirmed", context: context)
        }
        router.post("/v1/redemptions/{id}/cancel") { _, context in
            try await decide(try context.parameters.require("id", as: Int.self), to: "cancelled", context: context)
        }
    }

    private func decide(_ id: Int, to state: String, context: LinliRequestContext) async throws -> Redemption {
        let principal = try context.requirePrincipal()
        return try await runtime.jobs.withTransaction { tx, outbox in
            guard
                let row = try tx.query(
                    "SELECT reward_id, resident_id, state, points, debit_entry_id FROM registry.redemptions WHERE id = \(id) FOR UPDATE"
                ).first
            else { throw APIError.notFound("redemption") }
            let residentID: Int = try row.decode("resident_id")
            let scope = try Access.require(principal, covers: try RegistryScopes.resident(residentID, on: tx), "redemption")
            let mayAct = principal.isStaff || (state == "cancelled" && principal.residentID == residentID)
            guard mayAct else { throw APIError.forbidden("staff confirm redemptions; a resident may cancel their own") }
            guard try row.decode("state", as: String.self) == "reserved" else {
                throw APIError.conflict("only a reserved redemption can be \(state)", code: "wrong-state")
            }
            var reversal: Int?
            if state == "cancelled" {
                let returned = try PointsLedger.reverse(
                    try row.decode("debit_entry_id"),
                    reason: "redemption-cancelled",
                    createdBy: principal.subject,
                    on: tx
                )
                reversal = returned.entryID
                try tx.execute("UPDATE registry.rewards SET stock = stock + 1 WHERE id = \(try row.decode("reward_id", as: Int.self))")
                try outbox.publish(returned, correlationID: context.requestID, on: tx)
            }
            try tx.execute(
                "UPDATE registry.redemptions SET state = \(state), reversal_entry_id = \(reversal), updated_at = now() WHERE id = \(id)"
            )
            let rewardID: Int = try row.decode("reward_id")
            let points: Int = try row.decode("points")
            try outbox.publish(
                RewardRedeemed(
                    redemptionID: id,
                    residentID: residentID,
                    compoundID: scope.compoundID ?? 0,
                    rewardID: rewardID,
                    points: points,
                    state: state,
                    at: Date()
                ),
                correlationID: context.requestID,
                on: tx
            )
            return Redemption(id: id, rewardID: rewardID, residentID: residentID, state: state, points: points)
        }
    }
}
