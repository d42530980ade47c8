import Foundation
import Hummingbird
import JobQueue
import Models
import Postgres
import ServiceKit

/// Rewards (礼遇褒奖) and their redemption: reserve (points debited, stock taken), then confirm or
/// cancel (a reversal entry returns the points, the stock comes back).
struct RewardRoutes {
    let runtime: LinliRuntime

    struct NewReward: Decodable, Sendable {
        var name: String
        var cost: Int
        var stock: Int
        var areaID: Int?
    }
    struct Reward: Codable, Sendable, ResponseEncodable {
        var id: Int
        var name: String
        var cost: Int
        var stock: Int
        var areaID: Int?
    }
    struct NewRedemption: Decodable, Sendable { var residentID: Int }
    struct Redemption: Codable, Sendable, ResponseEncodable {
        var id: Int
        var rewardID: Int
        var residentID: Int
        var state: String
        var points: Int
    }

    func add(to router: Router<LinliRequestContext>) {
        router.post("/v1/rewards") { request, context in
            let principal = try context.requirePrincipal()
            guard principal.has(.admin, .district) else { throw APIError.forbidden("rewards are set by administrators and district offices") }
            let body = try await request.decodeBody(NewReward.self, context: context)
            let name = try Validate.text(body.name, field: "name", max: 100)
            guard (1...100_000).contains(body.cost) else { throw APIError.invalid("cost", "must be 1–100000 points") }
            guard (0...1_000_000).contains(body.stock) else { throw APIError.invalid("stock", "must be 0–1000000") }
            if principal.role == .district, body.areaID.map({ !principal.areaIDs.contains($0) }) ?? true {
                throw APIError.invalid("areaID", "must be one of the district office's areas")
            }
            let reward = try await runtime.pool.query(
                "INSERT INTO registry.rewards (name, cost, stock, area_id) VALUES (\(name), \(body.cost), \(body.stock), \(body.areaID)) RETURNING id, name, cost, stock, area_id"
            ).decode(Reward.self)[0]
            return EditedResponse(status: .created, response: reward)
        }
        router.get("/v1/rewards") { _, context in
            _ = try context.requirePrincipal()
            return try await runtime.pool.query("SELECT id, name, cost, stock, area_id FROM registry.rewards WHERE active ORDER BY cost, id").decode(
                Reward.self
            )
        }
        router.post("/v1/rewards/{id}/redemptions") { request, context in
            let principal = try context.requirePrincipal()
            let rewardID = try context.parameters.require("id", as: Int.self)
            let body = try await request.decodeBody(NewRedemption.self, context: context)
            let redemption = try await runtime.jobs.withTransaction { tx, outbox in
                let scope = try Access.require(principal, covers: try RegistryScopes.resident(body.residentID, on: tx), "resident")
                guard principal.residentID == body.residentID || principal.isStaff else {
                    throw APIError.forbidden("a resident redeems for themselves, or staff for them")
                }
                guard
                    let reward = try tx.query(
                        "UPDATE registry.rewards SET stock = stock - 1 WHERE id = \(rewardID) AND active AND stock > 0 RETURNING cost"
                    ).scalar(Int.self)
                else { throw APIError.conflict("the reward is out of stock or withdrawn", code: "out-of-stock") }
                let id = try tx.query("SELECT nextval(pg_get_serial_sequence('registry.redemptions', 'id'))").scalar(Int.self) ?? 0
                let debit = PointsLedger.Entry(
                    residentID: body.residentID,
                    compoundID: scope.compoundID,
                    delta: -reward,
                    reason: "redemption",
                    sourceRef: "redemption:\(id)",
                    idempotencyKey: "redemption:\(id)",
                    countsTowardStars: false,
                    createdBy: principal.subject
                )
                guard let debited = try PointsLedger.append(debit, on: tx) else { throw APIError.conflict("duplicate redemption") }
                try tx.execute(
                    """
                    INSERT INTO registry.redemptions (id, reward_id, resident_id, state, points, debit_entry_id)
                    VALUES (\(id), \(rewardID), \(body.residentID), 'reserved', \(reward), \(debited.entryID))
                    """
                )
                try outbox.publish(debited, correlationID: context.requestID, on: tx)
                try outbox.publish(
                    RewardRedeemed(
                        redemptionID: id,
                        residentID: body.residentID,
                        compoundID: scope.compoundID ?? 0,
                        rewardID: rewardID,
                        points: reward,
                        state: "reserved",
                        at: Date()
                    ),
                    correlationID: context.requestID,
                    on: tx
                )
                return Redemption(id: id, rewardID: rewardID, residentID: body.residentID, state: "reserved", points: reward)
            }
            return EditedResponse(status: .created, response: redemption)
        }
        addDecisions(to: router)
    }
}
