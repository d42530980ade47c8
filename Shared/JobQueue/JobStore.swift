import Foundation
import Postgres

/// The queue's SQL. Each function runs on a connection the caller holds (inside its transaction, if any).
///
/// Every transition after the claim is fenced by `id AND lease_token AND state = 'running'`: a job
/// whose lease was rescued has a new token, so the old holder's completion, retry or discard
/// matches nothing.
enum JobStore {
    /// Inserts jobs in one statement; a job whose unique key is held by an unfinished job is skipped.
    static func insert(_ jobs: [NewJob], on connection: isolated PostgresConnection) throws -> [EnqueuedJob] {
        guard !jobs.isEmpty else { return [] }
        let result = try connection.query(
            """
            INSERT INTO queue.jobs (queue, kind, version, payload, state, priority, run_at, max_attempts, unique_key,
                                    event_id, correlation_id, traceparent, tracestate)
            SELECT q, k, v, p, CASE WHEN coalesce(r, now()) > now() THEN 'scheduled' ELSE 'available' END::queue.job_state,
                   pr, coalesce(r, now()), m, u, e, c, tp, ts
            FROM unnest(\(jobs.map(\.options.queue)), \(jobs.map(\.kind)), \(jobs.map { Int32($0.version) }),
                        \(jobs.map { PostgresJSONB(rawJSON: $0.payload) }), \(jobs.map(\.options.priority.rawValue)),
                        \(PostgresNullableArray(jobs.map(\.options.runAt))), \(jobs.map { Int32($0.options.maxAttempts) }),
                        \(PostgresNullableArray(jobs.map(\.options.uniqueKey))), \(PostgresNullableArray(jobs.map(\.eventID))),
                        \(PostgresNullableArray(jobs.map(\.options.correlationID))),
                        \(PostgresNullableArray(jobs.map(\.options.traceParent))),
                        \(PostgresNullableArray(jobs.map(\.options.traceState))))
                 AS t(q, k, v, p, pr, r, m, u, e, c, tp, ts)
            ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL DO NOTHING
            RETURNING id, queue, run_at
            """,
            prepared: true
        )
        return try result.map { row in
            EnqueuedJob(id: try row.decode(0), queue: try row.decode(1), runAt: try row.decode(2))
        }
    }

    /// Inserts one job per queue subscribed to the event's topic.
    static func publish(_ event: NewJob, on connection: isolated PostgresConnection) throws -> [EnqueuedJob] {
        let options = event.options
        let result = try connection.query(
            """
            INSERT INTO queue.jobs (queue, kind, version, payload, state, priority, run_at, max_attempts, unique_key,
                                    event_id, correlation_id, traceparent, tracestate)
            SELECT s.queue, \(event.kind), \(Int32(event.version)), \(PostgresJSONB(rawJSON: event.payload)), 'available',
                   \(options.priority.rawValue), now(), \(Int32(options.maxAttempts)), 'event:' || s.queue || ':' || \(event.eventID),
                   \(event.eventID), \(options.correlationID), \(options.traceParent), \(options.traceState)
            FROM queue.subscriptions s
            WHERE s.topic = \(event.kind)
            ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL DO NOTHING
            RETURNING id, queue, run_at
            """,
            prepared: true
        )
        return try result.map { row in
            EnqueuedJob(id: try row.decode(0), queue: try row.decode(1), runAt: try row.decode(2))
        }
    }

    /// Inserts, for each of many events, one job per queue subscribed to its topic (one statement).
    static func publish(_ events: [NewJob], on connection: isolated PostgresConnection) throws -> [EnqueuedJob] {
        guard !events.isEmpty else { return [] }
        let result = try connection.query(
            """
            INSERT INTO queue.jobs (queue, kind, version, payload, state, priority, run_at, max_attempts, unique_key,
                                    event_id, correlation_id, traceparent, tracestate)
            SELECT s.queue, e.k, e.v, e.p, 'available', e.pr, now(), e.m, 'event:' || s.queue || ':' || e.e, e.e, e.c, e.tp, e.ts
            FROM unnest(\(events.map(\.kind)), \(events.map { Int32($0.version) }), \(events.map { PostgresJSONB(rawJSON: $0.payload) }),
                        \(events.map(\.options.priority.rawValue)), \(events.map { Int32($0.options.maxAttempts) }),
                        \(events.map { $0.eventID ?? "" }), \(PostgresNullableArray(events.map(\.options.correlationID))),
                        \(PostgresNullableArray(events.map(\.options.traceParent))),
                        \(PostgresNullableArray(events.map(\.options.traceState))))
                 WITH ORDINALITY AS e(k, v, p, pr, m, e, c, tp, ts, n)
            JOIN queue.subscriptions s ON s.topic = e.k
            ORDER BY e.n
            ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL DO NOTHING
            RETURNING id, queue, run_at
            """,
            prepared: true
        )
        return try result.map { row in
            EnqueuedJob(id: try row.decode(0), queue: try row.decode(1), runAt: try row.decode(2))
        }
    }

    /// Claims up to `limit` available jobs of a queue under a fresh lease token (one per claim: the
    /// fence is id and token together, and a rescued job is claimed again under another token).
    ///
    /// The pick is a `MATERIALIZED` CTE so it runs once whatever the plan: a `LIMIT … SKIP LOCKED`
    /// subquery run again on the inner side of a join skips the rows this statement has just updated
    /// and returns others (issue 23). `ClaimPlanTests` checks the shape on small and analysed tables.
    static func claim(
        queue: String,
        limit: Int,
        leaseSeconds: Double,
        worker: String,
        on connection: isolated PostgresConnection
    ) throws -> [ClaimedJob] {
        let result = try connection.query(claimStatement(queue: queue, limit: limit, leaseSeconds: leaseSeconds, worker: worker), prepared: true)
        return try result.map(ClaimedJob.init(row:)).sorted { $0.id < $1.id }
    }

    /// The claim statement (see ``claim(queue:limit:leaseSeconds:worker:on:)``).
    static func claimStatement(queue: String, limit: Int, leaseSeconds: Double, worker: String) -> SQL {
        """
        WITH picked AS MATERIALIZED (
            SELECT id FROM queue.jobs
            WHERE queue = \(queue) AND state = 'available'
            ORDER BY priority, run_at, id
            LIMIT \(limit)
            FOR UPDATE SKIP LOCKED
        )
        UPDATE queue.jobs j
        SET state = 'running', attempt = j.attempt + 1, lease_token = \(UUID()),
            lease_expires_at = now() + make_interval(secs => \(leaseSeconds)), attempted_at = now(), worker = \(worker)
        FROM picked WHERE j.id = picked.id
        RETURNING \(unescaped: ClaimedJob.columns)
        """
    }

    /// Makes due scheduled and retryable jobs available; returns how many, and when the next one is due.
    /// The due rows are picked by an `ARRAY(…)` subquery, evaluated once, never as a join's inner side.
    static func stage(queue: String, on connection: isolated PostgresConnection) throws -> (staged: Int, nextDue: Date?) {
        let row = try connection.query(stageStatement(queue: queue), prepared: true)[0]
        return (try row.decode(0), try row.decode(1))
    }

    /// The staging statement (see ``stage(queue:on:)``).
    static func stageStatement(queue: String) -> SQL {
        """
        WITH due AS (
            UPDATE queue.jobs SET state = 'available'
            WHERE id = ANY (ARRAY(
                SELECT id FROM queue.jobs
                WHERE queue = \(queue) AND state IN ('scheduled', 'retryable') AND run_at <= now()
                ORDER BY run_at LIMIT 5000
                FOR UPDATE SKIP LOCKED))
            RETURNING id
        )
        SELECT (SELECT count(*) FROM due) AS staged,
               (SELECT min(run_at) FROM queue.jobs
                WHERE queue = \(queue) AND state IN ('scheduled', 'retryable') AND run_at > now()) AS next_due
        """
    }
}
