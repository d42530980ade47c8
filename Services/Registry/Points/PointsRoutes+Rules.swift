import Foundation
import Hummingbird
import Postgres
import ServiceKit

extension PointsRoutes {
    struct RulesChange: Codable, Sendable, ResponseEncodable {
        var rules: PointsLedger.Rules
        /// Residents whose star level or rules version changed.
        var recomputed: Int
    }

    /// `GET/PUT /v1/points/star-rules`: read the thresholds; an administrator sets new ones (a new
    /// version), and every star level is recomputed in the same transaction.
    func addRules(to router: Router<LinliRequestContext>) {
        router.get("/v1/points/star-rules") { _, context in
            _ = try context.requirePrincipal()
            return try await runtime.pool.withConnection { try PointsLedger.rules(on: $0) }
        }
        router.put("/v1/points/star-rules") { request, context in
            let principal = try context.requirePrincipal()
            guard principal.has(.admin) else { throw APIError.forbidden("only administrators set the star rules") }
            let thresholds = try await request.decodeBody(NewRules.self, context: context).thresholds
            guard (1...10).contains(thresholds.count), thresholds.allSatisfy({ (1...Int(Int32.max)).contains($0) }),
                thresholds == thresholds.sorted(),
                Set(thresholds).count == thresholds.count
            else { throw APIError.invalid("thresholds", "must be 1–10 rising positive numbers up to 2,147,483,647") }
            return try await runtime.pool.withTransaction { tx in
                try tx.execute(
                    """
                    INSERT INTO registry.star_rules (version, thresholds, created_by)
                    SELECT max(version) + 1, \(thresholds.map { Int32($0) }), \(principal.subject) FROM registry.star_rules
                    """
                )
                let recomputed = try PointsLedger.recomputeStars(on: tx)
                return RulesChange(rules: try PointsLedger.rules(on: tx), recomputed: recomputed)
            }
        }
    }
}
