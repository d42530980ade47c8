import Foundation
import Hummingbird
import JobQueue
import Models
import Postgres
import ServiceKit

/// The points ledger over HTTP: a resident's points explained, staff awards and reversals, star rules.
struct PointsRoutes {
    let runtime: LinliRuntime

    struct NewEntry: Decodable, Sendable {
        var residentID: Int
        var delta: Int
        var reason: String
        var sourceRef: String
        var idempotencyKey: String
    }
    struct Reversal: Decodable, Sendable { var reason: String }
    struct NewRules: Decodable, Sendable { var thresholds: [Int] }

    /// How a resident's points and star came about.
    struct Statement: Codable, Sendable, ResponseEncodable {
        struct Line: Codable, Sendable {
            var id: Int
            var delta: Int
            var reason: String
            var sourceRef: String
            var countsTowardStars: Bool
            var reversesEntryID: Int?
            var createdAt: Date
        }
        var residentID: Int
        var balance: Int
        var lifetime: Int
        var starLevel: Int
        var rules: PointsLedger.Rules
        /// The next star, and the lifelong points still needed; `nil` at the top.
        var nextStar: Int?
        var pointsToNextStar: Int?
        var explanation: String
        var entries: [Line]
    }

    func add(to router: Router<LinliRequestContext>) {
        router.get("/v1/residents/{id}/points") { _, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id", as: Int.self)
            return try await runtime.pool.withConnection { tx in
                _ = try Access.require(principal, covers: try RegistryScopes.resident(id, on: tx), "resident")
                return try Self.statement(residentID: id, on: tx)
            }
        }
        router.post("/v1/points/entries") { request, context in
            let principal = try context.requirePrincipal()
            let body = try await request.decodeBody(NewEntry.self, context: context)
            guard body.delta != 0, abs(body.delta) <= 1_000 else { throw APIError.invalid("delta", "must be from -1000 to 1000 and not 0") }
            let reason = try Validate.text(body.reason, field: "reason", max: 50)
            let sourceRef = try Validate.text(body.sourceRef, field: "sourceRef", max: 100)
            let key = try Validate.text(body.idempotencyKey, field: "idempotencyKey", max: 100)
            let event = try await runtime.jobs.withTransaction { tx, outbox -> PointsAwarded? in
                let scope = try Access.requireManage(principal, covers: try RegistryScopes.resident(body.residentID, on: tx), "resident")
                let entry = PointsLedger.Entry(
                    residentID: body.residentID,
                    compoundID: scope.compoundID,
                    delta: body.delta,
                    reason: reason,
                    sourceRef: sourceRef,
                    idempotencyKey: "manual:\(key)",
                    createdBy: principal.subject
                )
                guard let event = try PointsLedger.append(entry, on: tx) else { return nil }
                try outbox.publish(event, correlationID: context.requestID, on: tx)
                return event
            }
            guard let event else { throw APIError.conflict("an entry with this idempotency key exists", code: "duplicate-entry") }
            return EditedResponse(status: .created, response: Awarded(event: event))
        }
        router.post("/v1/points/entries/{id}/reverse") { request, context in
            let principal = try context.requirePrincipal()
            let entryID = try context.parameters.require("id", as: Int.self)
            let reason = try Validate.text(try await request.decodeBody(Reversal.self, context: context).reason, field: "reason", max: 50)
            let event = try await runtime.jobs.withTransaction { tx, outbox in
                guard let resident = try tx.query("SELECT resident_id FROM registry.points_entries WHERE id = \(entryID)").scalar(Int.self) else {
                    throw APIError.notFound("points entry")
                }
                _ = try Access.requireManage(principal, covers: try RegistryScopes.resident(resident, on: tx), "points entry")
                let event = try PointsLedger.reverse(entryID, reason: reason, createdBy: principal.subject, on: tx)
                try outbox.publish(event, correlationID: context.requestID, on: tx)
                return event
            }
            return EditedResponse(status: .created, response: Awarded(event: event))
        }
        addRules(to: router)
    }

    struct Awarded: Codable, Sendable, ResponseEncodable {
        var event: PointsAwarded
    }

    static func statement(residentID: Int, on tx: isolated PostgresConnection) throws -> Statement {
        let rules = try PointsLedger.rules(on: tx)
        let totals = try tx.query("SELECT balance, lifetime, star_level FROM registry.points_balances WHERE resident_id = \(residentID)").first
        let lifetime = try totals?.decode("lifetime", as: Int.self) ?? 0
        let star = try totals?.decode("star_level", as: Int.self) ?? 0
        let next = rules.thresholds.firstIndex { lifetime < $0 }
        let entries = try tx.query(
            """
            SELECT id, delta, reason, source_ref, counts_toward_stars, reverses_entry_id, created_at FROM registry.points_entries
            WHERE resident_id = \(residentID) ORDER BY id DESC LIMIT 200
            """
        ).decode(Statement.Line.self)
        let explanation =
            "\(lifetime) lifelong points against the thresholds \(rules.thresholds.map(String.init).joined(separator: ", ")) (rules v\(rules.version)) give star \(star)"
            + (next.map { "; \(rules.thresholds[$0] - lifetime) more reach star \($0 + 1)" } ?? "; the top star")
        return Statement(
            residentID: residentID,
            balance: try totals?.decode("balance", as: Int.self) ?? 0,
            lifetime: lifetime,
            starLevel: star,
            rules: rules,
            nextStar: next.map { $0 + 1 },
            pointsToNextStar: next.map { rules.thresholds[$0] - lifetime },
            explanation: explanation,
            entries: entries
        )
    }
}
