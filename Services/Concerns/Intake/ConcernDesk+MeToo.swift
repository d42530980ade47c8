import Foundation
import JobQueue
import Postgres
import ServiceKit

/// The answer to a "me too".
struct MeTooOutcome: Codable, Sendable {
    var concernID: Int
    /// `false` when the household had already said so.
    var added: Bool
    var meTooCount: Int
}

extension ConcernDesk {
    /// Another household of the same compound has the same problem: a resident for their own
    /// household, a head for one they cover. Counted once per household.
    func meToo(_ id: Int, _ body: MeTooRequest, by principal: Principal, requestID: String?) async throws -> MeTooOutcome {
        guard principal.has(.resident, .head) else { throw Refusal.forbidden("residents and heads add a household's \"me too\"") }
        return try await jobs.withTransaction { tx, _ in
            let viewer = try Viewer.load(principal, now: clock.now(), on: tx)
            guard let record = try ConcernStore.concern(id, lock: .update, on: tx), viewer.access(to: record) > .none else {
                throw Refusal.notFound("concern")
            }
            guard let household = body.householdID ?? viewer.household else {
                throw Refusal.invalid("householdID", "is required: the registry has not placed you in a household")
            }
            guard viewer.speaksFor(household: household), let row = try HouseholdRow.load(household, on: tx) else {
                throw Refusal.invalid("householdID", "is not a household you speak for")
            }
            guard row.compoundID == record.compoundID else { throw Refusal.invalid("householdID", "is not in the concern's compound") }
            guard household != record.householdID else {
                throw Refusal.conflict("the concern is already about this household", code: "own-concern")
            }
            guard record.state.isUnsettled else { throw Refusal.conflict("the concern is \(record.stateName)", code: "wrong-state") }
            let resident = principal.role == .resident ? principal.residentID : nil
            let added = try ConcernStore.addMeToo(to: id, household: household, resident: resident, by: principal.subject, on: tx)
            return MeTooOutcome(concernID: id, added: added, meTooCount: record.meTooCount + (added ? 1 : 0))
        }
    }
}
