import Foundation
import Postgres

extension JobStore {
    /// Inserts one job per event and subscribed queue in one statement; each job's unique key is
    /// `event:<queue>:<event id>`, as for a single publish, so republishing adds nothing.
    static func publish(
        kind: String,
        version: Int,
        payloads: [[UInt8]],
        eventIDs: [String],
        correlationID: String?,
        on connection: isolated PostgresConnection
    ) throws -> [EnqueuedJob] {
        let result = try connection.query(
            """
            INSERT INTO queue.jobs (queue, kind, version, payload, state, priority, run_at, max_attempts, unique_key,
                                    event_id, correlation_id)
            SELECT s.queue, \(kind), \(Int32(version)), e.p, 'available', \(JobPriority.normal.rawValue), now(), 20,
                   'event:' || s.queue || ':' || e.id, e.id, \(correlationID)
            FROM unnest(\(payloads.map { PostgresJSONB(rawJSON: $0) }), \(eventIDs)) AS e(p, id)
            CROSS JOIN queue.subscriptions s
            WHERE s.topic = \(kind)
            ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL DO NOTHING
            RETURNING id, queue, run_at
            """,
            prepared: true
        )
        return try result.map { row in
            EnqueuedJob(id: try row.decode(0), queue: try row.decode(1), runAt: try row.decode(2))
        }
    }
}
