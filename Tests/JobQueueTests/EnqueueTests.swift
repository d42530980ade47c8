import Foundation
import JobQueue
import LinliTestSupport
import Models
import Postgres
import Testing

@testable import JobQueue

@Suite("Enqueueing: transactional, batched, unique, ordered")
struct EnqueueTests {
    struct Boom: Error {}

    @Test func rollingBackTheEnqueuingTransactionLeavesNoJob() async throws {
        let harness = try await QueueHarness.make()
        await #expect(throws: Boom.self) {
            try await harness.jobs.withTransaction { tx, outbox in
                try outbox.enqueue(Echo(text: "never"), JobOptions(queue: "echo"), on: tx)
                throw Boom()
            }
        }
        #expect(try await harness.count("SELECT count(*) FROM queue.jobs") == 0)
        try await harness.jobs.withTransaction { tx, outbox in
            try outbox.enqueue(Echo(text: "kept"), JobOptions(queue: "echo"), on: tx)
        }
        #expect(try await harness.count("SELECT count(*) FROM queue.jobs WHERE payload->>'text' = 'kept'") == 1)
    }

    @Test func aBatchOfAThousandIsOneStatementWithEveryOption() async throws {
        let harness = try await QueueHarness.make()
        let later = Date().addingTimeInterval(3600)
        let batch = try (0..<1000).map { index in
            try NewJob(
                Echo(text: "\(index)"),
                options: JobOptions(
                    queue: "echo",
                    priority: index % 2 == 0 ? .high : .low,
                    runAt: index < 10 ? later : nil,
                    maxAttempts: 5,
                    uniqueKey: index == 0 ? "only-one" : nil,
                    correlationID: "req-\(index)",
                    traceParent: "00-abc-def-01"
                )
            )
        }
        let inserted = try await harness.jobs.enqueue(batch)
        #expect(inserted.count == 1000)
        let row = try await harness.pool.query(
            """
            SELECT count(*) FILTER (WHERE state = 'scheduled') AS scheduled, count(*) FILTER (WHERE state = 'available') AS available,
                   count(*) FILTER (WHERE priority = 1) AS high, min(max_attempts) AS attempts, count(correlation_id) AS correlated,
                   count(unique_key) AS keyed
            FROM queue.jobs
            """
        )[0]
        #expect(try row.decode("scheduled", as: Int.self) == 10)
        #expect(try row.decode("available", as: Int.self) == 990)
        #expect(try row.decode("high", as: Int.self) == 500)
        #expect(try row.decode("attempts", as: Int.self) == 5)
        #expect(try row.decode("correlated", as: Int.self) == 1000)
        #expect(try row.decode("keyed", as: Int.self) == 1)
    }

    @Test func uniqueKeysHoldUnderEightConcurrentEnqueuers() async throws {
        let harness = try await QueueHarness.make()
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<8 {
                group.addTask {
                    let job = try await harness.jobs.enqueue(Echo(text: "\(index)"), JobOptions(queue: "echo", uniqueKey: "report:2026-11"))
                    return job == nil ? 0 : 1
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(results == 1)
        #expect(try await harness.count("SELECT count(*) FROM queue.jobs WHERE unique_key = 'report:2026-11'") == 1)
        // Once the job has finished, the key is free again.
        let claimed = try await harness.pool.withConnection { try JobStore.claim(queue: "echo", limit: 1, leaseSeconds: 30, worker: "t", on: $0) }
        let done = try await harness.pool.withConnection { connection in
            try JobStore.finish(
                [.init(id: claimed[0].id, token: claimed[0].leaseToken, outcome: .completed, errorEntry: nil)],
                state: "completed",
                on: connection
            )
        }
        #expect(done == [claimed[0].id])
        #expect(try await harness.jobs.enqueue(Echo(text: "again"), JobOptions(queue: "echo", uniqueKey: "report:2026-11")) != nil)
    }

    @Test func claimsFollowPriorityThenDueTime() async throws {
        let harness = try await QueueHarness.make()
        let now = Date()
        let plan: [(String, JobPriority, Double)] = [
            ("low-old", .low, -30), ("normal-new", .normal, -1), ("urgent", .urgent, -2), ("normal-old", .normal, -20),
            ("future", .urgent, 600),
        ]
        for (text, priority, offset) in plan {
            try await harness.jobs.enqueue(Echo(text: text), JobOptions(queue: "order", priority: priority, runAt: now.addingTimeInterval(offset)))
        }
        let order = try await harness.pool.withConnection { connection in
            try (0..<5).compactMap { _ in
                try JobStore.claim(queue: "order", limit: 1, leaseSeconds: 30, worker: "t", on: connection).first
            }
        }
        let texts = try order.map { try JSONDecoder().decode(Echo.self, from: Data($0.payload.json)).text }
        #expect(texts == ["urgent", "normal-old", "normal-new", "low-old"])
    }

    @Test func theClaimIsAnIndexScan() async throws {
        let harness = try await QueueHarness.make()
        let batch = try (0..<20_000).map { index in
            try NewJob(
                Echo(text: "\(index)"),
                options: JobOptions(queue: index % 4 == 0 ? "a" : "b", runAt: index % 3 == 0 ? Date().addingTimeInterval(3600) : nil)
            )
        }
        for chunk in stride(from: 0, to: batch.count, by: 5_000) { try await harness.jobs.enqueue(Array(batch[chunk..<chunk + 5_000])) }
        try await harness.pool.execute("ANALYZE queue.jobs")
        let plan = try await harness.pool.withTransaction { tx in
            try tx.query(
                """
                EXPLAIN (FORMAT TEXT)
                WITH picked AS (
                    SELECT id FROM queue.jobs WHERE queue = 'a' AND state = 'available'
                    ORDER BY priority, run_at, id LIMIT 100 FOR UPDATE SKIP LOCKED)
                UPDATE queue.jobs j SET state = 'running', lease_token = gen_random_uuid() FROM picked WHERE j.id = picked.id
                """
            ).column(0, as: String.self)
        }.joined(separator: "\n")
        #expect(plan.contains("Index Scan using jobs_claim"))
        #expect(!plan.contains("Seq Scan on jobs"))
    }

    @Test func cancellingByUniqueKeyFreesTheKeyForAReplacementInTheSameTransaction() async throws {
        let harness = try await QueueHarness.make()
        let later = Date().addingTimeInterval(3600)
        try await harness.jobs.enqueue(Echo(text: "old time"), JobOptions(queue: "echo", runAt: later, uniqueKey: "reminder:7"))
        try await harness.jobs.enqueue(Echo(text: "other"), JobOptions(queue: "echo", runAt: later, uniqueKey: "reminder:8"))
        try await harness.jobs.withTransaction { tx, outbox in
            #expect(try outbox.cancel(uniqueKeys: ["reminder:7", "reminder:unknown"], on: tx) == 1)
            let replacement = try outbox.enqueue(
                Echo(text: "new time"),
                JobOptions(queue: "echo", runAt: later.addingTimeInterval(60), uniqueKey: "reminder:7"),
                on: tx
            )
            #expect(replacement != nil)
        }
        let waiting = try await harness.pool.query("SELECT payload->>'text' AS text FROM queue.jobs ORDER BY id")
        #expect(try waiting.column("text", as: String.self) == ["other", "new time"])
        #expect(try await harness.count("SELECT count(*) FROM queue.finished WHERE state = 'cancelled' AND unique_key = 'reminder:7'") == 1)
        // Rolled back, a cancellation leaves the job waiting.
        await #expect(throws: Boom.self) {
            try await harness.jobs.withTransaction { tx, outbox in
                try outbox.cancel(uniqueKeys: ["reminder:8"], on: tx)
                throw Boom()
            }
        }
        #expect(try await harness.count("SELECT count(*) FROM queue.jobs WHERE unique_key = 'reminder:8'") == 1)
    }
}

extension PostgresResult {
    func column<T: PostgresDecodable>(_ index: Int, as type: T.Type) throws -> [T] {
        try map { try $0.decode(index, as: type) }
    }
}
