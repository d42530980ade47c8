import Foundation
import Logging

/// What a handler knows about the job it runs.
public struct JobContext: Sendable {
    /// The job's id: use it as the idempotency key for effects outside the database (webhooks, SMS).
    public let jobID: Int
    public let queue: String
    public let kind: String
    /// 1 on the first run.
    public let attempt: Int
    public let maxAttempts: Int
    /// When the job was due.
    public let runAt: Date
    /// The event id, for event jobs.
    public let eventID: String?
    public let correlationID: String?
    public let traceparent: String?
    /// A logger carrying the job id, kind, attempt and correlation id.
    public let logger: Logger
    /// For enqueuing follow-up work outside a transaction.
    public let jobs: JobQueue

    /// Whether this is the last attempt before the job is discarded.
    public var isLastAttempt: Bool { attempt >= maxAttempts }
}
