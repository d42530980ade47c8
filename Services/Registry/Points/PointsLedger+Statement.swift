import Foundation
import Postgres

extension PointsLedger {
    /// A resident's balance, lifelong points and star level (all 0 before any entry).
    static func totals(residentID: Int, on tx: isolated PostgresConnection) throws -> (balance: Int, lifetime: Int, starLevel: Int) {
        let row = try tx.query("SELECT balance, lifetime, star_level FROM registry.points_balances WHERE resident_id = \(residentID)").first
        return (
            try row?.decode("balance", as: Int.self) ?? 0, try row?.decode("lifetime", as: Int.self) ?? 0,
            try row?.decode("star_level", as: Int.self) ?? 0
        )
    }

    /// A resident's latest 200 entries, newest first.
    static func entries(residentID: Int, on tx: isolated PostgresConnection) throws -> [Statement.Line] {
        try tx.query(
            """
            SELECT id, delta, reason, source_ref, counts_toward_stars, reverses_entry_id, created_at FROM registry.points_entries
            WHERE resident_id = \(residentID) ORDER BY id DESC LIMIT 200
            """
        ).decode(Statement.Line.self)
    }

    /// The resident an entry belongs to, or `nil` when there is no such entry.
    static func residentID(ofEntry id: Int, on tx: isolated PostgresConnection) throws -> Int? {
        try tx.query("SELECT resident_id FROM registry.points_entries WHERE id = \(id)").scalar(Int.self)
    }

    /// Adds the next version of the star rules.
    static func addRules(thresholds: [Int32], createdBy: String, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            INSERT INTO registry.star_rules (version, thresholds, created_by)
            SELECT max(version) + 1, \(thresholds), \(createdBy) FROM registry.star_rules
            """
        )
    }
}
