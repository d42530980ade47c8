import Foundation
import Postgres

/// Rewards' and redemptions' SQL.
enum RewardStore {
    static func insert(_ new: NewReward, name: String, on tx: isolated PostgresConnection) throws -> Reward {
        try tx.query(
            """
            INSERT INTO registry.rewards (name, cost, stock, area_id) VALUES (\(name), \(new.cost), \(new.stock), \(new.areaID))
            RETURNING id, name, cost, stock, area_id
            """
        ).decode(Reward.self)[0]
    }

    /// The rewards on offer, cheapest first.
    static func rewards(on tx: isolated PostgresConnection) throws -> [Reward] {
        try tx.query("SELECT id, name, cost, stock, area_id FROM registry.rewards WHERE active ORDER BY cost, id").decode(Reward.self)
    }

    /// Takes one of an active reward's stock; its cost, or `nil` when it is out of stock or withdrawn.
    static func takeOne(_ rewardID: Int, on tx: isolated PostgresConnection) throws -> Int? {
        try tx.query("UPDATE registry.rewards SET stock = stock - 1 WHERE id = \(rewardID) AND active AND stock > 0 RETURNING cost").scalar(Int.self)
    }

    /// Puts one back into a reward's stock.
    static func returnOne(_ rewardID: Int, on tx: isolated PostgresConnection) throws {
        try tx.execute("UPDATE registry.rewards SET stock = stock + 1 WHERE id = \(rewardID)")
    }

    /// A new redemption id, taken before the debit so the debit can name it.
    static func nextRedemptionID(on tx: isolated PostgresConnection) throws -> Int {
        try tx.query("SELECT nextval(pg_get_serial_sequence('registry.redemptions', 'id'))").scalar(Int.self) ?? 0
    }

    static func insertRedemption(_ redemption: Redemption, debitEntryID: Int, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            INSERT INTO registry.redemptions (id, reward_id, resident_id, state, points, debit_entry_id)
            VALUES (\(redemption.id), \(redemption.rewardID), \(redemption.residentID), \(redemption.state), \(redemption.points), \(debitEntryID))
            """
        )
    }

    /// A redemption, locked until commit, with the entry that debited it; `nil` when there is none.
    static func lockRedemption(_ id: Int, on tx: isolated PostgresConnection) throws -> (redemption: Redemption, debitEntryID: Int)? {
        try tx.query(
            "SELECT id, reward_id, resident_id, state, points, debit_entry_id FROM registry.redemptions WHERE id = \(id) \(RowLock.update)"
        ).first.map { row in
            (
                Redemption(
                    id: try row.decode("id"),
                    rewardID: try row.decode("reward_id"),
                    residentID: try row.decode("resident_id"),
                    state: try row.decode("state"),
                    points: try row.decode("points")
                ),
                try row.decode("debit_entry_id")
            )
        }
    }

    static func setState(_ id: Int, _ state: RedemptionState, reversalEntryID: Int?, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            "UPDATE registry.redemptions SET state = \(state), reversal_entry_id = \(reversalEntryID), updated_at = now() WHERE id = \(id)"
        )
    }
}
