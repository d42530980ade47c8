import Foundation
import Hummingbird
import JobQueue
import ServiceKit

/// The answer to a "me too".
struct MeTooOutcome: Codable, Sendable, ResponseEncodable {
    var concernID: Int
    /// `false` when the household had already said so.
    var added: Bool
    var meTooCount: Int
}

extension ConcernRoutes {
    /// Another household of the same compound has the same problem: a resident for their own
    /// household, a head for one they cover. Counted once per household.
    func meToo(_ id: Int, _ body: MeTooRequest, _ context: LinliRequestContext) async throws -> MeTooOutcome {
        let principal = try context.requirePrincipal()
        guard principal.has(.resident, .head) else { throw APIError.forbidden("residents and heads add a household's \"me too\"") }
        return try await runtime.jobs.withTransaction { tx, _ in
            let viewer = try Viewer.load(principal, on: tx)
            guard let record = try ConcernStore.concern(id, lock: true, on: tx), viewer.access(to: record) > .none else {
                throw APIError.notFound("concern")
            }
            guard let household = body.householdID ?? viewer.household else {
                throw APIError.invalid("householdID", "is required: the registry has not placed you in a household")
            }
            guard viewer.speaksFor(household: household), let row = try HouseholdRow.load(household, on: tx) else {
                throw APIError.invalid("householdID", "is not a household you speak for")
            }
            guard row.compoundID == record.compoundID else { throw APIError.invalid("householdID", "is not in the concern's compound") }
            guard household != record.householdID else {
                throw APIError.conflict("the concern is already about this household", code: "own-concern")
            }
            guard record.state.isUnsettled else { throw APIError.conflict("the concern is \(record.stateName)", code: "wrong-state") }
            let resident = principal.role == .resident ? principal.residentID : nil
            let added = try ConcernStore.addMeToo(to: id, household: household, resident: resident, by: principal.subject, on: tx)
            return MeTooOutcome(concernID: id, added: added, meTooCount: record.meTooCount + (added ? 1 : 0))
        }
    }
}
