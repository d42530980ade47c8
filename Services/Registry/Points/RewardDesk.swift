import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// Rewards (礼遇褒奖) and their redemption: reserve (points debited, stock taken), then confirm or
/// cancel (a reversal entry returns the points, the stock comes back); each step publishes
/// `reward.redeemed` with the redemption's state.
struct RewardDesk {
    let jobs: JobQueue
    let clock: WallClock

    /// Refuses anyone but administrators and district offices: the routes ask before they read the body.
    static func requireRewardSetter(_ principal: Principal) throws {
        guard principal.has(.admin, .district) else { throw Refusal.forbidden("rewards are set by administrators and district offices") }
    }

    /// Offers a reward (a district office's only in its own areas).
    func create(_ new: NewReward, by principal: Principal) async throws -> Reward {
        try Self.requireRewardSetter(principal)
        var checks = FieldChecks()
        let name = checks.text(new.name, field: "name", max: 100) ?? ""
        if !(1...100_000).contains(new.cost) { checks.fail("cost", "must be 1–100000 points") }
        if !(0...1_000_000).contains(new.stock) { checks.fail("stock", "must be 0–1000000") }
        if principal.role == .district, new.areaID.map({ !principal.areaIDs.contains($0) }) ?? true {
            checks.fail("areaID", "must be one of the district office's areas")
        }
        try checks.check()
        return try await jobs.pool.withConnection { tx in try RewardStore.insert(new, name: name, on: tx) }
    }

    func rewards() async throws -> [Reward] {
        try await jobs.pool.withConnection { tx in try RewardStore.rewards(on: tx) }
    }

    /// Reserves a reward for a resident (themselves, or staff for them): takes one from the stock and
    /// debits its cost.
    func redeem(_ rewardID: Int, _ new: NewRedemption, by caller: Caller) async throws -> Redemption {
        let now = clock.now()
        let principal = caller.principal
        return try await jobs.withTransaction { tx, outbox in
            let scope = try Access.require(principal, covers: try RegistryScopes.resident(new.residentID, on: tx), "resident")
            guard principal.residentID == new.residentID || principal.isStaff else {
                throw Refusal.forbidden("a resident redeems for themselves, or staff for them")
            }
            guard let cost = try RewardStore.takeOne(rewardID, on: tx) else {
                throw Refusal.conflict("the reward is out of stock or withdrawn", code: "out-of-stock")
            }
            let redemption = Redemption(
                id: try RewardStore.nextRedemptionID(on: tx),
                rewardID: rewardID,
                residentID: new.residentID,
                state: .reserved,
                points: cost
            )
            let debit = PointsLedger.Entry(
                residentID: new.residentID,
                compoundID: scope.compoundID,
                delta: -cost,
                reason: "redemption",
                sourceRef: "redemption:\(redemption.id)",
                idempotencyKey: "redemption:\(redemption.id)",
                countsTowardStars: false,
                createdBy: principal.subject
            )
            guard let debited = try PointsLedger.append(debit, on: tx) else { throw Refusal.conflict("duplicate redemption") }
            try RewardStore.insertRedemption(redemption, debitEntryID: debited.entryID, on: tx)
            try outbox.publish(debited, correlationID: caller.requestID, on: tx)
            try outbox.publish(Self.event(redemption, compoundID: scope.compoundID, at: now), correlationID: caller.requestID, on: tx)
            return redemption
        }
    }

    /// Confirms a reserved redemption (staff) or cancels it (staff, or the resident themselves),
    /// returning the points and the stock on a cancel.
    func decide(_ id: Int, to state: RedemptionState, by caller: Caller) async throws -> Redemption {
        let now = clock.now()
        let principal = caller.principal
        return try await jobs.withTransaction { tx, outbox in
            guard let (reserved, debitEntryID) = try RewardStore.lockRedemption(id, on: tx) else { throw Refusal.notFound("redemption") }
            let scope = try Access.require(principal, covers: try RegistryScopes.resident(reserved.residentID, on: tx), "redemption")
            guard principal.isStaff || (state == .cancelled && principal.residentID == reserved.residentID) else {
                throw Refusal.forbidden("staff confirm redemptions; a resident may cancel their own")
            }
            guard reserved.state == .reserved else {
                throw Refusal.conflict("only a reserved redemption can be \(state.rawValue)", code: "wrong-state")
            }
            var reversal: Int?
            if state == .cancelled {
                let returned = try PointsLedger.reverse(debitEntryID, reason: "redemption-cancelled", createdBy: principal.subject, on: tx)
                reversal = returned.entryID
                try RewardStore.returnOne(reserved.rewardID, on: tx)
                try outbox.publish(returned, correlationID: caller.requestID, on: tx)
            }
            try RewardStore.setState(id, state, reversalEntryID: reversal, on: tx)
            var decided = reserved
            decided.state = state
            try outbox.publish(Self.event(decided, compoundID: scope.compoundID, at: now), correlationID: caller.requestID, on: tx)
            return decided
        }
    }

    /// `reward.redeemed` for a redemption in its new state.
    private static func event(_ redemption: Redemption, compoundID: Int?, at now: Date) -> RewardRedeemed {
        RewardRedeemed(
            redemptionID: redemption.id,
            residentID: redemption.residentID,
            compoundID: compoundID ?? 0,
            rewardID: redemption.rewardID,
            points: redemption.points,
            state: redemption.state.rawValue,
            at: now
        )
    }
}
