import Foundation
import Logging
import Models
import Postgres

/// Puts jobs and events on the queue: the way every Linli service talks to the others.
///
/// Work that must happen only if business data commits goes through ``withTransaction(_:)``: the
/// rows and the jobs commit together, and the doorbell rings after the commit.
///
/// ```swift
/// try await jobs.withTransaction { tx, outbox in
///     try tx.execute("UPDATE calendar.activities SET state = 'published' WHERE id = \(id)")
///     try outbox.publish(ActivityPublished(…), on: tx)
/// }
/// ```
public struct JobQueue: Sendable {
    /// The pool business transactions run on.
    public let pool: PostgresPool
    /// Rung after commits.
    public let doorbell: Doorbell

    /// Creates a client.
    public init(pool: PostgresPool, doorbell: Doorbell) {
        self.pool = pool
        self.doorbell = doorbell
    }

    /// Runs `body` in a transaction with an outbox; after it commits, rings for what it enqueued.
    ///
    /// A deadlock or serialization failure rolls the whole transaction back, so it is run again from
    /// the start (with a fresh outbox), up to `maxAttempts` times: many requests at once on the same
    /// rows (2,000 sign-ups for one occurrence) must not turn PostgreSQL's deadlock resolution into a
    /// 500. `body` must therefore do nothing outside the database.
    @discardableResult
    public func withTransaction<T: Sendable>(
        maxAttempts: Int = 3,
        _ body: @Sendable (isolated PostgresConnection, JobOutbox) async throws -> T
    ) async throws -> T {
        let (value, enqueued) = try await pool.withRetryingTransaction(isolation: nil, maxAttempts: maxAttempts) { tx in
            let outbox = JobOutbox()  // a fresh one per attempt: a rolled-back attempt's jobs were never sent
            return (try await body(tx, outbox), outbox.enqueued)
        }
        doorbell.ring(enqueued)
        return value
    }

    /// Enqueues one job in a transaction of its own.
    @discardableResult
    public func enqueue<Payload: JobPayload>(_ payload: Payload, _ options: JobOptions) async throws -> EnqueuedJob? {
        let job = try NewJob(payload, options: options)
        return try await enqueue([job]).first
    }

    /// Enqueues many jobs with one statement, committed on its own (one round trip), then rings.
    @discardableResult
    public func enqueue(_ jobs: [NewJob]) async throws -> [EnqueuedJob] {
        try Self.validate(jobs)
        let inserted = try await pool.withConnection { try JobStore.insert(jobs, on: $0) }
        doorbell.ring(inserted)
        return inserted
    }

    /// Publishes an event with one statement, committed on its own, then rings.
    @discardableResult
    public func publish<Event: DomainEvent>(_ event: Event, correlationID: String? = nil) async throws -> [EnqueuedJob] {
        let outbox = JobOutbox()
        let inserted = try await pool.withConnection { try outbox.publish(event, correlationID: correlationID, on: $0) }
        doorbell.ring(inserted)
        return inserted
    }

    /// Declares that `queue` receives every event published on `topic` from now on.
    public func subscribe(queue: String, to topics: [String]) async throws {
        guard !topics.isEmpty else { return }
        try await pool.execute(
            "INSERT INTO queue.subscriptions (topic, queue) SELECT t, \(queue) FROM unnest(\(topics)) AS t ON CONFLICT DO NOTHING"
        )
    }

    /// Checks queue names: not empty, no `@` (the doorbell's separator), at most 100 characters.
    static func validate(_ jobs: [NewJob]) throws {
        for job in jobs {
            let queue = job.options.queue
            guard !queue.isEmpty, queue.count <= 100, !queue.contains("@") else {
                throw JobError(code: .invalidOptions, reason: "invalid queue name '\(queue)': 1–100 characters, no '@'")
            }
        }
    }
}
