import Foundation
import Models
import Postgres
import Synchronization

/// Enqueues jobs and publishes events inside the caller's transaction, and remembers them so the
/// doorbell can be rung once that transaction has committed (a transactional outbox with no relay).
public final class JobOutbox: Sendable {
    private let enqueuedJobs = Mutex<[EnqueuedJob]>([])

    /// An empty outbox, for use inside one transaction.
    public init() {}

    /// The jobs written so far.
    public var enqueued: [EnqueuedJob] { enqueuedJobs.withLock { $0 } }

    /// Records jobs written by other means (periodic slots), so they are rung for too.
    func note(_ jobs: [EnqueuedJob]) {
        enqueuedJobs.withLock { $0.append(contentsOf: jobs) }
    }

    /// Adds a job in the transaction.
    /// - Returns: the job, or `nil` when an unfinished job already holds its unique key.
    @discardableResult
    public func enqueue<Payload: JobPayload>(
        _ payload: Payload,
        _ options: JobOptions,
        on tx: isolated PostgresConnection
    ) throws -> EnqueuedJob? {
        try enqueue([NewJob(payload, options: options)], on: tx).first
    }

    /// Adds many jobs in one statement in the transaction.
    @discardableResult
    public func enqueue(_ jobs: [NewJob], on tx: isolated PostgresConnection) throws -> [EnqueuedJob] {
        try JobQueue.validate(jobs)
        let inserted = try JobStore.insert(jobs, on: tx)
        enqueuedJobs.withLock { $0.append(contentsOf: inserted) }
        return inserted
    }

    /// Publishes an event in the transaction: one job for each queue subscribed to its topic.
    /// Publishing the same event id again while the first is unfinished does nothing.
    @discardableResult
    public func publish<Event: DomainEvent>(
        _ event: Event,
        correlationID: String? = nil,
        traceParent: String? = nil,
        on tx: isolated PostgresConnection
    ) throws -> [EnqueuedJob] {
        let job = NewJob(
            kind: Event.topic,
            version: Event.version,
            payload: try LinliJSON.encode(event),
            options: JobOptions(queue: "", correlationID: correlationID, traceParent: traceParent),
            eventID: event.eventID
        )
        let inserted = try JobStore.publish(job, on: tx)
        enqueuedJobs.withLock { $0.append(contentsOf: inserted) }
        return inserted
    }

    /// Publishes many events of one type with one statement in the transaction (as ``publish(_:correlationID:traceParent:on:)``
    /// does for each): for work that announces thousands at once, such as an escalation sweep.
    @discardableResult
    public func publish<Event: DomainEvent>(
        _ events: [Event],
        correlationID: String? = nil,
        on tx: isolated PostgresConnection
    ) throws -> [EnqueuedJob] {
        guard !events.isEmpty else { return [] }
        let jobs = try events.map { event in
            NewJob(
                kind: Event.topic,
                version: Event.version,
                payload: try LinliJSON.encode(event),
                options: JobOptions(queue: "", correlationID: correlationID),
                eventID: event.eventID
            )
        }
        let inserted = try JobStore.publish(jobs, on: tx)
        enqueuedJobs.withLock { $0.append(contentsOf: inserted) }
        return inserted
    }
}
