import Foundation
import LinliTestSupport
import Models
import Postgres
import Synchronization
import Testing

@testable import JobQueue

@Suite("Hot topics are consumed in batches without losing per-event outcomes")
struct BatchSubscriptionTests {
    @Test func eventsRunInBatchesAPoisonEventFailsAloneAndRedeliveriesAreSkipped() async throws {
        let harness = try await QueueHarness.make()
        try await harness.pool.execute("CREATE TABLE projection (compound int PRIMARY KEY, name text, applied int NOT NULL DEFAULT 1)")
        try await harness.jobs.subscribe(queue: "batched", to: [CompoundRenamed.topic])
        let events = (1...300).map { CompoundRenamed(compoundID: $0, name: $0 == 150 ? "毒" : "小区\($0)", revision: 1) }
        try await harness.jobs.withTransaction { tx, outbox in _ = try outbox.publish(events, on: tx) }
        try await harness.pool.execute("UPDATE queue.jobs SET max_attempts = 3")
        // Event 7 was consumed before (a redelivery): its job completes without a second effect.
        try await harness.pool.execute("INSERT INTO queue.consumed_events (queue, event_id) VALUES ('batched', \(events[6].eventID))")
        let sizes = Mutex<[Int]>([])
        let running = Mutex((now: 0, most: 0))
        let worker = harness.makeWorker(.init(queue: "batched", concurrency: 4, batchSize: 100))
        let retry = RetryPolicy(base: 0.05, maximum: 0.05, jitter: 0)
        worker.subscribeBatch(CompoundRenamed.self, maxBatch: 40, concurrency: 1, retry: retry) { batch, tx, _ in
            sizes.withLock { $0.append(batch.count) }
            running.withLock {
                $0.now += 1
                $0.most = max($0.most, $0.now)
            }
            defer { running.withLock { $0.now -= 1 } }
            try await Task.sleep(for: .milliseconds(20))  // long enough for a second batch to start, were it allowed
            for event in batch {
                if event.name == "毒" { throw TestSupportError("cannot project compound \(event.compoundID)") }
                try tx.execute(
                    """
                    INSERT INTO projection (compound, name) VALUES (\(event.compoundID), \(event.name))
                    ON CONFLICT (compound) DO UPDATE SET applied = projection.applied + 1
                    """
                )
            }
        }
        try await harness.running([worker]) {
            try await harness.waitUntil("every event to finish") { try await harness.count("SELECT count(*) FROM queue.finished") == 300 }
        }
        let seen = sizes.withLock { $0 }
        #expect(seen.max() == 40, "claims of 80 jobs split into batches of at most 40")
        #expect(seen.allSatisfy { $0 <= 40 })
        #expect(running.withLock { $0.most } == 1, "one batch of the kind at a time, though the worker runs four units")
        #expect(try await harness.count("SELECT count(*) FROM projection") == 298)
        #expect(try await harness.count("SELECT count(*) FROM projection WHERE applied <> 1") == 0)
        #expect(try await harness.count("SELECT count(*) FROM projection WHERE compound IN (7, 150)") == 0)
        #expect(try await harness.count("SELECT count(*) FROM queue.finished WHERE state = 'completed'") == 299)
        let dead = try await harness.admin.jobs(state: "discarded", queue: "batched")
        #expect(dead.count == 1)
        #expect(dead.first?.errors.map(\.attempt) == [1, 2, 3])
        #expect(dead.first?.errors.last?.error.contains("cannot project compound 150") == true)
    }

    @Test func cancellingOneJobOfARunningBatchHandsTheOthersBackWithoutSpendingAnAttempt() async throws {
        let harness = try await QueueHarness.make()
        try await harness.pool.execute("CREATE TABLE projection (compound int PRIMARY KEY)")
        try await harness.jobs.subscribe(queue: "stoppable", to: [CompoundRenamed.topic])
        let events = (1...5).map { CompoundRenamed(compoundID: $0, name: "小区\($0)", revision: 1) }
        try await harness.jobs.withTransaction { tx, outbox in _ = try outbox.publish(events, on: tx) }
        let victim = try await harness.count("SELECT min(id) FROM queue.jobs")
        let calls = Mutex(0)
        let worker = harness.makeWorker(.init(queue: "stoppable", leaseDuration: .milliseconds(600)))
        worker.subscribeBatch(CompoundRenamed.self) { batch, tx, _ in
            // The first run hangs until its task is cancelled; later runs project.
            if calls.withLock({
                $0 += 1
                return $0
            }) == 1 {
                try await Task.sleep(for: .seconds(120))
            }
            for event in batch { try tx.execute("INSERT INTO projection VALUES (\(event.compoundID))") }
        }
        try await harness.running([worker]) {
            try await harness.waitUntil("the batch to start") { calls.withLock { $0 } == 1 }
            #expect(try await harness.admin.cancel(id: victim))
            try await harness.waitUntil("every job to finish") { try await harness.count("SELECT count(*) FROM queue.finished") == 5 }
        }
        #expect(try await harness.state(of: victim) == "cancelled")
        #expect(try await harness.count("SELECT count(*) FROM queue.finished WHERE state = 'completed' AND attempt = 1") == 4)
        #expect(try await harness.count("SELECT count(*) FROM projection") == 4)
        #expect(calls.withLock { $0 } >= 2, "the handed-back jobs ran again")
    }
}
