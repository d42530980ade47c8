import Foundation
import Postgres

/// A job claimed by a worker under a lease. Every later transition is fenced by `id` and `leaseToken`.
public struct ClaimedJob: Sendable, Equatable {
    public let id: Int
    public let queue: String
    public let kind: String
    public let version: Int
    public let payload: PostgresJSONB
    /// 1 on the first run.
    public let attempt: Int
    public let maxAttempts: Int
    /// The lease this claim holds; a rescued job gets a new one, so this one can no longer finish it.
    public let leaseToken: UUID
    /// When the job was due; `attemptedAt − runAt` is its wait.
    public let runAt: Date
    public let attemptedAt: Date
    public let eventID: String?
    public let correlationID: String?
    public let traceparent: String?
    public let tracestate: String?

    /// The columns ``init(row:)`` reads, in order.
    static let columns =
        "j.id, j.queue, j.kind, j.version, j.payload, j.attempt, j.max_attempts, j.lease_token, j.run_at, j.attempted_at, j.event_id, j.correlation_id, j.traceparent, j.tracestate"

    /// Reads a claimed row (positional: this runs for every job, so no name lookups).
    init(row: PostgresRow) throws {
        id = try row.decode(0)
        queue = try row.decode(1)
        kind = try row.decode(2)
        version = try row.decode(3)
        payload = try row.decode(4)
        attempt = try row.decode(5)
        maxAttempts = try row.decode(6)
        leaseToken = try row.decode(7)
        runAt = try row.decode(8)
        attemptedAt = try row.decode(9)
        eventID = try row.decode(10)
        correlationID = try row.decode(11)
        traceparent = try row.decode(12)
        tracestate = try row.decode(13)
    }
}

/// What a finished attempt does to its job.
enum JobOutcome: Sendable, Equatable {
    case completed
    /// Try again after `delay` seconds, recording the error.
    case retry(delay: Double, error: String)
    /// Run again later without counting the attempt (the handler snoozed, or the job is handed back on shutdown).
    case reschedule(delay: Double, note: String?)
    /// Failed for good: move to the dead letters, recording the error.
    case discard(error: String)
    /// An operator cancelled it.
    case cancelled
}
