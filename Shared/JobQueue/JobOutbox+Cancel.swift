import Foundation
import Postgres

extension JobOutbox {
    /// Cancels, in the caller's transaction, the waiting jobs (scheduled, available or retryable) that hold
    /// any of these unique keys, so a job scheduled for a time that changed can be replaced by a new one.
    ///
    /// A job already running is left alone: it was due, and its handler decides what the change means.
    /// - Returns: how many jobs were cancelled.
    @discardableResult
    public func cancel(uniqueKeys: [String], on tx: isolated PostgresConnection) throws -> Int {
        guard !uniqueKeys.isEmpty else { return 0 }
        return try tx.execute(
            """
            WITH gone AS (
                DELETE FROM queue.jobs
                WHERE unique_key = ANY (\(uniqueKeys)) AND state IN ('scheduled', 'available', 'retryable')
                RETURNING *)
            INSERT INTO queue.finished (\(unescaped: JobStore.keptColumns), state)
            SELECT \(unescaped: JobStore.keptColumns), 'cancelled' FROM gone
            """
        )
    }
}
