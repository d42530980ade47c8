import JobQueue
import Models
import Postgres

extension EventConsumers {
    /// Subscribes `worker` to an event whose handler needs only the event and the consuming transaction,
    /// and commits that transaction without waiting for its WAL to reach the disk.
    ///
    /// `synchronous_commit = off` is safe here because the job's completion commits in the same
    /// transaction as the facts, rollups and projections it wrote, and as the queue's record that the
    /// event was consumed. A crash may lose the last few such commits (at most three times
    /// `wal_writer_delay`), but it loses each one whole: the job is still running with an expired lease,
    /// the queue rescues it and the event is consumed again. Commits are flushed in WAL order, so a
    /// durable commit never depends on a lost one (an attendance counted as "not first" in its bucket
    /// survives only if the earlier one it saw survives). Nothing is published from here, so no other
    /// service acts on a commit that is then lost.
    func consume<Event: DomainEvent>(
        _ type: Event.Type,
        on worker: JobWorker,
        _ handler: @escaping @Sendable (Event, isolated PostgresConnection) throws -> Void
    ) {
        worker.subscribe(type) { event, _, tx, _ in
            try Self.relaxCommit(on: tx)
            try handler(event, tx)
        }
    }

    /// Lets the current transaction commit without waiting for the disk (see ``consume(_:on:_:)``).
    static func relaxCommit(on tx: isolated PostgresConnection) throws {
        _ = try tx.query("SELECT set_config('synchronous_commit', 'off', true)", prepared: true)
    }
}
