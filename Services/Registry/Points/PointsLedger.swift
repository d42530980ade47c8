import Foundation
import Models
import Postgres
import ServiceKit

/// The volunteer points ledger: append-only entries, each applied to the resident's balance and
/// lifelong points in the same transaction, with the star level recomputed from the current rules.
enum PointsLedger {
    /// One entry to append.
    struct Entry: Sendable {
        var residentID: Int
        var compoundID: Int?
        var delta: Int
        var reason: String
        var sourceRef: String
        /// Makes a repeated award (a redelivered event, a retried request) a no-op.
        var idempotencyKey: String
        var reverses: Int? = nil
        var countsTowardStars: Bool = true
        var createdBy: String
    }

    /// The star rules in force.
    struct Rules: Codable, Sendable, Equatable {
        var version: Int
        /// `thresholds[n]` lifelong points reach star `n + 1`.
        var thresholds: [Int]

        func starLevel(for lifetime: Int) -> Int { thresholds.filter { lifetime >= $0 }.count }
    }

    static func rules(on tx: isolated PostgresConnection) throws -> Rules {
        try tx.query("SELECT version, thresholds FROM registry.star_rules ORDER BY version DESC LIMIT 1", prepared: true).decode(Rules.self)[0]
    }

    /// Appends an entry and applies it; returns the event to publish, or `nil` when the key was used before.
    /// - Throws: a conflict when a debit would take the balance below zero.
    static func append(_ entry: Entry, on tx: isolated PostgresConnection) throws -> PointsAwarded? {
        guard
            let inserted = try tx.query(
                """
                INSERT INTO registry.points_entries (resident_id, compound_id, delta, reason, source_ref, idempotency_key, reverses_entry_id,
                                                     counts_toward_stars, created_by)
                VALUES (\(entry.residentID), \(entry.compoundID), \(Int32(entry.delta)), \(entry.reason), \(entry.sourceRef), \(entry.idempotencyKey),
                        \(entry.reverses), \(entry.countsTowardStars), \(entry.createdBy))
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING id, created_at
                """,
                prepared: true
            ).first
        else { return nil }
        let rules = try rules(on: tx)
        let previous = try tx.query(
            "SELECT balance, lifetime, star_level FROM registry.points_balances WHERE resident_id = \(entry.residentID) \(RowLock.update)",
            prepared: true
        ).first
        let balance = (try previous?.decode(0, as: Int.self) ?? 0) + entry.delta
        let lifetime = (try previous?.decode(1, as: Int.self) ?? 0) + (entry.countsTowardStars ? entry.delta : 0)
        let oldStar = try previous?.decode(2, as: Int.self) ?? 0
        guard balance >= 0 else { throw Refusal.conflict("not enough points: the balance is \(balance - entry.delta)", code: "insufficient-points") }
        let star = rules.starLevel(for: lifetime)
        try tx.execute(
            """
            INSERT INTO registry.points_balances (resident_id, balance, lifetime, star_level, rules_version)
            VALUES (\(entry.residentID), \(Int32(balance)), \(Int32(lifetime)), \(Int32(star)), \(Int32(rules.version)))
            ON CONFLICT (resident_id) DO UPDATE SET balance = EXCLUDED.balance, lifetime = EXCLUDED.lifetime, star_level = EXCLUDED.star_level,
                rules_version = EXCLUDED.rules_version, updated_at = now()
            """,
            prepared: true
        )
        return PointsAwarded(
            entryID: try inserted.decode(0),
            residentID: entry.residentID,
            compoundID: entry.compoundID ?? 0,
            delta: entry.delta,
            reason: entry.reason,
            sourceRef: entry.sourceRef,
            balance: balance,
            starLevel: star,
            starReached: star > oldStar ? star : nil,
            awardedAt: try inserted.decode(1)
        )
    }

    /// Reverses an entry with an opposite one (the ledger is never edited).
    static func reverse(_ entryID: Int, reason: String, createdBy: String, on tx: isolated PostgresConnection) throws -> PointsAwarded {
        guard
            let original = try tx.query(
                """
                SELECT resident_id, compound_id, delta, counts_toward_stars, reverses_entry_id IS NOT NULL AS is_reversal
                FROM registry.points_entries WHERE id = \(entryID)
                """
            ).first
        else { throw Refusal.notFound("points entry") }
        guard try !original.decode("is_reversal", as: Bool.self) else {
            throw Refusal.conflict("a reversal cannot be reversed", code: "is-reversal")
        }
        let entry = Entry(
            residentID: try original.decode("resident_id"),
            compoundID: try original.decode("compound_id"),
            delta: -(try original.decode("delta", as: Int.self)),
            reason: reason,
            sourceRef: "entry:\(entryID)",
            idempotencyKey: "reversal:\(entryID)",
            reverses: entryID,
            countsTowardStars: try original.decode("counts_toward_stars"),
            createdBy: createdBy
        )
        guard let event = try append(entry, on: tx) else { throw Refusal.conflict("the entry was already reversed", code: "already-reversed") }
        return event
    }

    /// Recomputes every resident's star level under the current rules; returns how many changed.
    static func recomputeStars(on tx: isolated PostgresConnection) throws -> Int {
        let rules = try rules(on: tx)
        return try tx.execute(
            """
            UPDATE registry.points_balances b
            SET star_level = (SELECT count(*) FROM unnest(\(rules.thresholds)) AS t WHERE b.lifetime >= t), rules_version = \(Int32(rules.version)),
                updated_at = now()
            WHERE b.star_level IS DISTINCT FROM (SELECT count(*) FROM unnest(\(rules.thresholds)) AS t WHERE b.lifetime >= t)
               OR b.rules_version <> \(Int32(rules.version))
            """
        )
    }
}
