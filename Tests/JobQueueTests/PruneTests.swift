import Foundation
import LinliTestSupport
import Models
import Postgres
import Testing

@testable import JobQueue

@Suite("Old finished jobs and consumed-event records are pruned")
struct PruneAgeTests {
    @Test func completedJobsPastTheRetentionAndOldConsumedEventsAreDeleted() async throws {
        let harness = try await QueueHarness.make()
        let worker = harness.makeWorker(.init(queue: "prune"))
        worker.register(Echo.self) { _, _ in }
        try await harness.running([worker]) {
            try await harness.jobs.enqueue(try (0..<3).map { try NewJob(Echo(text: "\($0)"), options: .init(queue: "prune")) })
            try await harness.waitUntil("3 completions") {
                try await harness.count("SELECT count(*) FROM queue.finished WHERE state = 'completed'") == 3
            }
        }
        try await harness.pool.execute(
            "UPDATE queue.finished SET finished_at = now() - interval '2 days' WHERE id IN (SELECT id FROM queue.finished ORDER BY id LIMIT 2)"
        )
        try await harness.pool.execute(
            "INSERT INTO queue.consumed_events (queue, event_id, consumed_at) VALUES ('prune', 'old', now() - interval '31 days'), ('prune', 'new', now())"
        )
        // A worker that ran has closed its sessions; another replica's worker prunes.
        await harness.makeWorker(.init(queue: "prune")).prune()
        #expect(try await harness.count("SELECT count(*) FROM queue.finished") == 1)
        #expect(try await harness.count("SELECT count(*) FROM queue.consumed_events WHERE queue = 'prune'") == 1)
    }
}
