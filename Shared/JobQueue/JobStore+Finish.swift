import Foundation
import Postgres

extension JobStore {
    /// The columns a finished job keeps, in `queue.finished` order (without `state` and `finished_at`).
    static let keptColumns = """
        id, queue, kind, version, payload, priority, run_at, attempt, max_attempts, worker, unique_key, event_id,
        correlation_id, traceparent, tracestate, errors, created_at, attempted_at
        """

    /// One fenced transition: the job, the lease it was claimed under, and what happens to it.
    struct Transition: Sendable {
        let id: Int
        let token: UUID
        let outcome: JobOutcome
        /// A one-element JSON array describing the attempt's error, appended to the job's history.
        let errorEntry: PostgresJSONB?
    }

    /// Moves running jobs out of the hot table in one statement, as completed, discarded or cancelled.
    /// - Returns: the ids whose fence held; the others were rescued meanwhile and are not touched.
    static func finish(
        _ transitions: [Transition],
        state: String,
        on connection: isolated PostgresConnection
    ) throws -> Set<Int> {
        guard !transitions.isEmpty else { return [] }
        let result = try connection.query(
            """
            WITH done AS (
                DELETE FROM queue.jobs j
                USING unnest(\(transitions.map(\.id)), \(transitions.map(\.token)),
                             \(PostgresNullableArray(transitions.map(\.errorEntry)))) AS c(id, token, entry)
                WHERE j.id = c.id AND j.lease_token = c.token AND j.state = 'running'
                RETURNING j.*, c.entry
            )
            INSERT INTO queue.finished (\(unescaped: keptColumns), state)
            SELECT id, queue, kind, version, payload, priority, run_at, attempt, max_attempts, worker, unique_key,
                   event_id, correlation_id, traceparent, tracestate, errors || coalesce(entry, '[]'), created_at,
                   attempted_at, \(state)::queue.job_state
            FROM done
            RETURNING id
            """,
            prepared: true
        )
        return Set(try result.column("id", as: Int.self))
    }

    /// Puts running jobs back to wait: after a failure (counting the attempt) or a snooze or hand-back (not counting it).
    /// - Returns: the jobs whose fence held, with their queue and new due time.
    static func reschedule(_ transitions: [Transition], on connection: isolated PostgresConnection) throws -> [EnqueuedJob] {
        guard !transitions.isEmpty else { return [] }
        let delays = transitions.map { transition -> Double in
            switch transition.outcome {
            case .retry(let delay, _), .reschedule(let delay, _): max(0, delay)
            default: 0
            }
        }
        let refunds = transitions.map { transition -> Int32 in
            if case .reschedule = transition.outcome { 1 } else { 0 }
        }
        let result = try connection.query(
            """
            UPDATE queue.jobs j
            SET state = CASE WHEN c.delay > 0 THEN 'retryable' ELSE 'available' END::queue.job_state,
                run_at = now() + make_interval(secs => c.delay), attempt = j.attempt - c.refund,
                lease_token = NULL, lease_expires_at = NULL, worker = NULL,
                errors = j.errors || coalesce(c.entry, '[]')
            FROM unnest(\(transitions.map(\.id)), \(transitions.map(\.token)), \(delays), \(refunds),
                        \(PostgresNullableArray(transitions.map(\.errorEntry)))) AS c(id, token, delay, refund, entry)
            WHERE j.id = c.id AND j.lease_token = c.token AND j.state = 'running'
            RETURNING j.id, j.queue, j.run_at
            """,
            prepared: true
        )
        return try result.map { EnqueuedJob(id: try $0.decode(0), queue: try $0.decode(1), runAt: try $0.decode(2)) }
    }

    /// Extends the leases of running jobs.
    /// - Returns: for each job still held, whether an operator asked to cancel it; missing ids have lost their lease.
    static func heartbeat(
        ids: [Int],
        tokens: [UUID],
        leaseSeconds: Double,
        on connection: isolated PostgresConnection
    ) throws -> [Int: Bool] {
        guard !ids.isEmpty else { return [:] }
        let result = try connection.query(
            """
            UPDATE queue.jobs j SET lease_expires_at = now() + make_interval(secs => \(leaseSeconds))
            FROM unnest(\(ids), \(tokens)) AS c(id, token)
            WHERE j.id = c.id AND j.lease_token = c.token AND j.state = 'running'
            RETURNING j.id, j.cancel_requested
            """,
            prepared: true
        )
        var held: [Int: Bool] = [:]
        for row in result { held[try row.decode(0)] = try row.decode(1) }
        return held
    }

    /// One rescued job: its queue, when it is due again, and whether it was discarded instead.
    struct Rescue: Sendable, Equatable {
        let id: Int
        let queue: String
        let runAt: Date
        let discarded: Bool
    }

    /// Takes back jobs whose lease expired (their worker died or stalled): to retry after a short
    /// backoff, or to the dead letters when their attempts are used up.
    static func rescueExpired(limit: Int, on connection: isolated PostgresConnection) throws -> [Rescue] {
        try connection.query(rescueStatement(limit: limit)).map {
            Rescue(id: try $0.decode(0), queue: try $0.decode(1), runAt: try $0.decode(2), discarded: try $0.decode(3))
        }
    }

    /// The rescue of expired leases; the expired rows are picked once, in a `MATERIALIZED` CTE.
    static func rescueStatement(limit: Int) -> SQL {
        let entry = """
            jsonb_build_array(jsonb_build_object('attempt', j.attempt, 'worker', j.worker,
                'at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'error', 'lease expired: the worker stopped renewing it (crashed, killed or stalled)'))
            """
        return """
            WITH expired AS MATERIALIZED (
                SELECT id FROM queue.jobs
                WHERE state = 'running' AND lease_expires_at < now()
                ORDER BY lease_expires_at LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
            ), again AS (
                UPDATE queue.jobs j
                SET state = 'retryable', run_at = now() + make_interval(secs => least(300, power(2, j.attempt - 1))),
                    lease_token = NULL, lease_expires_at = NULL, worker = NULL, errors = j.errors || \(unescaped: entry)
                FROM expired e WHERE j.id = e.id AND j.attempt < j.max_attempts
                RETURNING j.id, j.queue, j.run_at
            ), dead AS (
                DELETE FROM queue.jobs j USING expired e
                WHERE j.id = e.id AND j.attempt >= j.max_attempts
                RETURNING j.*
            ), buried AS (
                INSERT INTO queue.finished (\(unescaped: keptColumns), state)
                SELECT id, queue, kind, version, payload, priority, run_at, attempt, max_attempts, worker, unique_key,
                       event_id, correlation_id, traceparent, tracestate, errors || \(unescaped: entry.replacingOccurrences(of: "j.", with: "dead.")),
                       created_at, attempted_at, 'discarded'
                FROM dead
                RETURNING id, queue
            )
            SELECT id, queue, run_at, false AS discarded FROM again
            UNION ALL SELECT id, queue, now(), true FROM buried
            """
    }
}
