import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// The points ledger's use cases: a resident's points explained, staff awards and reversals (each
/// publishing `points.awarded`), and the star rules an administrator sets.
struct PointsDesk {
    let jobs: JobQueue

    /// How a covered resident's points and star came about.
    func statement(residentID: Int, by principal: Principal) async throws -> Statement {
        try await jobs.pool.withConnection { tx in
            _ = try Access.require(principal, covers: try RegistryScopes.resident(residentID, on: tx), "resident")
            let rules = try PointsLedger.rules(on: tx)
            let totals = try PointsLedger.totals(residentID: residentID, on: tx)
            let next = rules.thresholds.firstIndex { totals.lifetime < $0 }
            let thresholds = rules.thresholds.map(String.init).joined(separator: ", ")
            let explanation =
                "\(totals.lifetime) lifelong points against the thresholds \(thresholds) (rules v\(rules.version)) give star \(totals.starLevel)"
                + (next.map { "; \(rules.thresholds[$0] - totals.lifetime) more reach star \($0 + 1)" } ?? "; the top star")
            return Statement(
                residentID: residentID,
                balance: totals.balance,
                lifetime: totals.lifetime,
                starLevel: totals.starLevel,
                rules: rules,
                nextStar: next.map { $0 + 1 },
                pointsToNextStar: next.map { rules.thresholds[$0] - totals.lifetime },
                explanation: explanation,
                entries: try PointsLedger.entries(residentID: residentID, on: tx)
            )
        }
    }

    /// A staff award or debit for a resident they manage; a repeated idempotency key is a conflict.
    func award(_ new: NewEntry, by caller: Caller) async throws -> PointsAwarded {
        var checks = FieldChecks()
        if new.delta == 0 || abs(new.delta) > 1_000 { checks.fail("delta", "must be from -1000 to 1000 and not 0") }
        let reason = checks.text(new.reason, field: "reason", max: 50) ?? ""
        let sourceRef = checks.text(new.sourceRef, field: "sourceRef", max: 100) ?? ""
        let key = checks.text(new.idempotencyKey, field: "idempotencyKey", max: 100) ?? ""
        try checks.check()
        let principal = caller.principal
        let event = try await jobs.withTransaction { tx, outbox -> PointsAwarded? in
            let scope = try Access.requireManage(principal, covers: try RegistryScopes.resident(new.residentID, on: tx), "resident")
            let entry = PointsLedger.Entry(
                residentID: new.residentID,
                compoundID: scope.compoundID,
                delta: new.delta,
                reason: reason,
                sourceRef: sourceRef,
                idempotencyKey: "manual:\(key)",
                createdBy: principal.subject
            )
            guard let event = try PointsLedger.append(entry, on: tx) else { return nil }
            try outbox.publish(event, correlationID: caller.requestID, on: tx)
            return event
        }
        guard let event else { throw Refusal.conflict("an entry with this idempotency key exists", code: "duplicate-entry") }
        return event
    }

    /// Reverses an entry of a resident the caller manages with an opposite one.
    func reverse(_ entryID: Int, _ reversal: Reversal, by caller: Caller) async throws -> PointsAwarded {
        var checks = FieldChecks()
        let reason = checks.text(reversal.reason, field: "reason", max: 50) ?? ""
        try checks.check()
        let principal = caller.principal
        return try await jobs.withTransaction { tx, outbox in
            guard let resident = try PointsLedger.residentID(ofEntry: entryID, on: tx) else { throw Refusal.notFound("points entry") }
            _ = try Access.requireManage(principal, covers: try RegistryScopes.resident(resident, on: tx), "points entry")
            let event = try PointsLedger.reverse(entryID, reason: reason, createdBy: principal.subject, on: tx)
            try outbox.publish(event, correlationID: caller.requestID, on: tx)
            return event
        }
    }

    func rules() async throws -> PointsLedger.Rules {
        try await jobs.pool.withConnection { tx in try PointsLedger.rules(on: tx) }
    }

    /// Refuses anyone but an administrator: the routes ask before they read the body.
    static func requireRuleSetter(_ principal: Principal) throws {
        guard principal.has(.admin) else { throw Refusal.forbidden("only administrators set the star rules") }
    }

    /// New star thresholds (a new version) from an administrator; every star level is recomputed in
    /// the same transaction.
    func setRules(_ new: NewRules, by principal: Principal) async throws -> RulesChange {
        try Self.requireRuleSetter(principal)
        let thresholds = new.thresholds
        guard (1...10).contains(thresholds.count), thresholds.allSatisfy({ (1...Int(Int32.max)).contains($0) }),
            thresholds == thresholds.sorted(),
            Set(thresholds).count == thresholds.count
        else { throw Refusal.invalid("thresholds", "must be 1–10 rising positive numbers up to 2,147,483,647") }
        return try await jobs.pool.withTransaction { tx in
            try PointsLedger.addRules(thresholds: thresholds.map { Int32($0) }, createdBy: principal.subject, on: tx)
            let recomputed = try PointsLedger.recomputeStars(on: tx)
            return RulesChange(rules: try PointsLedger.rules(on: tx), recomputed: recomputed)
        }
    }
}
