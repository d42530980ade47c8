import Foundation
import Hummingbird
import ServiceKit

/// Rewards and redemptions over HTTP: `/v1/rewards`, `/v1/rewards/{id}/redemptions`,
/// `/v1/redemptions/{id}/confirm` and `/cancel`.
struct RewardRoutes {
    let desk: RewardDesk

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/rewards") { request, context in
            let principal = try context.requirePrincipal()
            try RewardDesk.requireRewardSetter(principal)
            let body = try await request.decodeBody(NewReward.self, context: context)
            return EditedResponse(status: .created, response: try await desk.create(body, by: principal))
        }
        router.get("/v1/rewards") { _, context in
            _ = try context.requirePrincipal()
            return try await desk.rewards()
        }
        router.post("/v1/rewards/{id}/redemptions") { request, context in
            let caller = try context.caller()
            let rewardID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(NewRedemption.self, context: context)
            return EditedResponse(status: .created, response: try await desk.redeem(rewardID, body, by: caller))
        }
        router.post("/v1/redemptions/{id}/confirm") { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            return try await desk.decide(id, to: .confirmed, by: try context.caller())
        }
        router.post("/v1/redemptions/{id}/cancel") { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            return try await desk.decide(id, to: .cancelled, by: try context.caller())
        }
    }
}
