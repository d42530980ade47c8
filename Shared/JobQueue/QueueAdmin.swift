import Foundation
import Postgres

/// What operators can see and do with the queue: the library behind `linli queue …` and every
/// service's admin routes.
public struct QueueAdmin: Sendable {
    let pool: PostgresPool
    let doorbell: Doorbell?

    /// Creates the admin API; with a doorbell, retried jobs wake their workers at once.
    public init(pool: PostgresPool, doorbell: Doorbell? = nil) {
        self.pool = pool
        self.doorbell = doorbell
    }

    /// Counts for one queue.
    public struct QueueStatistics: Sendable, Equatable, Codable {
        public var queue: String
        /// Jobs per state, unfinished and finished (finished ones within their retention).
        public var counts: [String: Int]
        /// Seconds the oldest available job has waited (0 when none).
        public var oldestAvailableSeconds: Double
    }

    /// Per queue: jobs in each state and the age of the oldest available one.
    public func statistics() async throws -> [QueueStatistics] {
        let rows = try await pool.query(
            """
            SELECT queue, state::text AS state, count(*) AS n,
                   coalesce(extract(epoch FROM now() - min(run_at) FILTER (WHERE state = 'available')), 0)::float8 AS oldest
            FROM queue.jobs GROUP BY queue, state
            UNION ALL
            SELECT queue, state::text, count(*), 0 FROM queue.finished GROUP BY queue, state
            ORDER BY 1, 2
            """
        )
        var byQueue: [String: QueueStatistics] = [:]
        for row in rows {
            let queue = try row.decode("queue", as: String.self)
            var entry = byQueue[queue] ?? QueueStatistics(queue: queue, counts: [:], oldestAvailableSeconds: 0)
            entry.counts[try row.decode("state", as: String.self)] = try row.decode("n", as: Int.self)
            entry.oldestAvailableSeconds = max(entry.oldestAvailableSeconds, try row.decode("oldest", as: Double.self))
            byQueue[queue] = entry
        }
        return byQueue.values.sorted { $0.queue < $1.queue }
    }

    /// One job as an operator sees it.
    public struct JobRecord: Sendable, Equatable, Codable {
        public var id: Int
        public var queue: String
        public var kind: String
        public var state: String
        public var attempt: Int
        public var maxAttempts: Int
        public var runAt: Date
        public var createdAt: Date
        public var finishedAt: Date?
        public var errors: [JobErrorRecord]
        public var correlationID: String?
    }

    /// One failed attempt in a job's history.
    public struct JobErrorRecord: Sendable, Equatable, Codable {
        public var attempt: Int
        public var at: Date
        public var error: String
        public var worker: String?
    }

    /// Jobs in a state, newest first, `limit` at a time; pass the last id seen as `before` for the next page.
    public func jobs(state: String, queue: String? = nil, kind: String? = nil, limit: Int = 50, before: Int? = nil) async throws -> [JobRecord] {
        let table = ["completed", "discarded", "cancelled"].contains(state) ? "queue.finished" : "queue.jobs"
        let finishedAt = table == "queue.finished" ? "finished_at" : "NULL::timestamptz"
        let rows = try await pool.query(
            """
            SELECT id, queue, kind, state::text AS state, attempt, max_attempts, run_at, created_at,
                   \(unescaped: finishedAt) AS finished_at, errors, correlation_id
            FROM \(unescaped: table)
            WHERE state = \(state)::queue.job_state AND (\(queue)::text IS NULL OR queue = \(queue))
              AND (\(kind)::text IS NULL OR kind = \(kind)) AND (\(before)::int8 IS NULL OR id < \(before))
            ORDER BY id DESC LIMIT \(min(max(limit, 1), 500))
            """
        )
        return try rows.decode(JobRecord.self)
    }

    /// Runs a dead or cancelled job again (from its first attempt, keeping its error history), or a
    /// waiting job now. Returns whether a job was found in a state that allows it.
    @discardableResult
    public func retry(id: Int) async throws -> Bool {
        let moved = try await pool.withTransaction { tx -> [EnqueuedJob] in
            let revived = try tx.query(
                """
                WITH revived AS (DELETE FROM queue.finished WHERE id = \(id) AND state IN ('discarded', 'cancelled') RETURNING *)
                INSERT INTO queue.jobs (\(unescaped: JobStore.keptColumns), state)
                SELECT id, queue, kind, version, payload, priority, now(), 0, max_attempts, NULL, unique_key, event_id,
                       correlation_id, traceparent, tracestate, errors, created_at, attempted_at, 'available'
                FROM revived
                RETURNING id, queue, run_at
                """
            )
            let waiting = try tx.query(
                """
                UPDATE queue.jobs SET state = 'available', run_at = now()
                WHERE id = \(id) AND state IN ('scheduled', 'retryable') RETURNING id, queue, run_at
                """
            )
            return try (Array(revived) + Array(waiting)).map {
                EnqueuedJob(id: try $0.decode(0), queue: try $0.decode(1), runAt: try $0.decode(2))
            }
        }
        doorbell?.ring(moved)
        return !moved.isEmpty
    }

    /// Runs every dead job of a kind again; returns how many.
    @discardableResult
    public func retryDiscarded(kind: String, queue: String? = nil) async throws -> Int {
        let moved = try await pool.withTransaction { tx in
            try tx.query(
                """
                WITH revived AS (
                    DELETE FROM queue.finished
                    WHERE state = 'discarded' AND kind = \(kind) AND (\(queue)::text IS NULL OR queue = \(queue))
                    RETURNING *)
                INSERT INTO queue.jobs (\(unescaped: JobStore.keptColumns), state)
                SELECT id, queue, kind, version, payload, priority, now(), 0, max_attempts, NULL, unique_key, event_id,
                       correlation_id, traceparent, tracestate, errors, created_at, attempted_at, 'available'
                FROM revived
                ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL DO NOTHING
                RETURNING id, queue, run_at
                """
            ).map { EnqueuedJob(id: try $0.decode(0), queue: try $0.decode(1), runAt: try $0.decode(2)) }
        }
        doorbell?.ring(moved)
        return moved.count
    }

    /// Cancels a job: a waiting one at once; a running one is asked to stop (its worker sees it at
    /// the next lease renewal). Returns whether a job was found in a state that allows it.
    @discardableResult
    public func cancel(id: Int) async throws -> Bool {
        try await pool.withTransaction { tx in
            let waiting = try tx.execute(
                """
                WITH gone AS (DELETE FROM queue.jobs WHERE id = \(id) AND state IN ('scheduled', 'available', 'retryable') RETURNING *)
                INSERT INTO queue.finished (\(unescaped: JobStore.keptColumns), state)
                SELECT \(unescaped: JobStore.keptColumns), 'cancelled' FROM gone
                """
            )
            let running = try tx.execute("UPDATE queue.jobs SET cancel_requested = true WHERE id = \(id) AND state = 'running'")
            return waiting + running > 0
        }
    }
}
