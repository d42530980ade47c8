import Foundation
import Postgres

extension JobStore {
    /// Records the event ids of `jobs` as consumed by `queue`, in the handler's transaction.
    /// - Returns: the jobs to run: those without an event id, and the first job of each event id not
    ///   consumed before (a later one, or one consumed already, is a redelivery with no second effect).
    static func unconsumed(_ jobs: [ClaimedJob], queue: String, on tx: isolated PostgresConnection) throws -> [ClaimedJob] {
        let eventIDs = jobs.compactMap(\.eventID)
        guard !eventIDs.isEmpty else { return jobs }
        let fresh = Set(
            try tx.query(
                """
                INSERT INTO queue.consumed_events (queue, event_id) SELECT \(queue), unnest(\(eventIDs)::text[])
                ON CONFLICT DO NOTHING RETURNING event_id
                """,
                prepared: true
            ).column("event_id", as: String.self)
        )
        var running = Set<String>()
        return jobs.filter { job in
            guard let eventID = job.eventID else { return true }
            return fresh.contains(eventID) && running.insert(eventID).inserted
        }
    }

    /// Completes `jobs` in the handler's transaction, fenced by their leases.
    /// - Throws: `leaseLost` unless every fence held, so the transaction rolls back whole.
    static func complete(_ jobs: [ClaimedJob], on tx: isolated PostgresConnection) throws {
        let transitions = jobs.map { Transition(id: $0.id, token: $0.leaseToken, outcome: .completed, errorEntry: nil) }
        guard try finish(transitions, state: "completed", on: tx).count == jobs.count else {
            throw JobError(code: .leaseLost, reason: "the lease was lost before the transaction committed")
        }
    }
}
