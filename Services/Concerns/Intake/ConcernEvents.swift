import Foundation
import JobQueue
import Models
import Postgres

/// The events a change of a concern publishes, in the transaction that makes the change.
enum ConcernEvents {
    /// Publishes what an action did: `concern.settled` for a settlement, `concern.reopened` for a
    /// reopening, `concern.updated` for every other change.
    static func publish(
        _ action: ConcernAction,
        concern: ConcernRecord,
        publicNote: String?,
        correlationID: String?,
        outbox: JobOutbox,
        on tx: isolated PostgresConnection
    ) throws {
        switch action {
        case .settle:
            try outbox.publish(
                ConcernSettled(concern: concern.summary, settledAt: concern.settledAt ?? concern.updatedAt, revision: concern.revision),
                correlationID: correlationID,
                on: tx
            )
        case .reopen:
            try outbox.publish(
                ConcernReopened(concern: concern.summary, reopenedAt: concern.updatedAt, revision: concern.revision),
                correlationID: correlationID,
                on: tx
            )
        default:
            try updated(concern, publicNote: publicNote, correlationID: correlationID, outbox: outbox, on: tx)
        }
    }

    /// Publishes `concern.updated` for the concern's current revision.
    static func updated(
        _ concern: ConcernRecord,
        publicNote: String?,
        correlationID: String?,
        outbox: JobOutbox,
        on tx: isolated PostgresConnection
    ) throws {
        try outbox.publish(
            ConcernUpdated(
                concern: concern.summary,
                state: concern.stateName,
                ownerParty: concern.ownerParty,
                publicNote: publicNote,
                revision: concern.revision,
                at: concern.updatedAt
            ),
            correlationID: correlationID,
            on: tx
        )
    }
}
