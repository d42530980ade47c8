import Foundation
import LinliTestSupport
import Models
import Postgres
import Testing

@testable import JobQueue

@Suite("The worker runs, retries, discards and hands back jobs")
struct WorkerTests {
    @Test func jobsRunOnceAndLeaveTheHotTable() async throws {
        let harness = try await QueueHarness.make()
        let seen = Counter()
        let worker = harness.makeWorker(.init(queue: "echo", concurrency: 8, batchSize: 10))
        worker.register(Echo.self) { _, _ in seen.increment() }
        try await harness.running([worker]) {
            try await harness.jobs.enqueue(try (0..<50).map { try NewJob(Echo(text: "\($0)"), options: .init(queue: "echo")) })
            try await harness.waitUntil("50 completions") {
                try await harness.count("SELECT count(*) FROM queue.finished WHERE state = 'completed'") == 50
            }
        }
        #expect(seen.value == 50)
        #expect(try await harness.count("SELECT count(*) FROM queue.jobs") == 0)
        #expect(try await harness.count("SELECT count(*) FROM queue.finished WHERE attempt <> 1") == 0)
    }

    @Test func theBackoffScheduleDoublesUpToItsCap() {
        let policy = RetryPolicy(base: 1, maximum: 60, jitter: 0.25)
        #expect((1...8).map { policy.delay(afterAttempt: $0, random: 0) } == [1, 2, 4, 8, 16, 32, 60, 60])
        #expect(policy.delay(afterAttempt: 3, random: 1) == 3)  // 4 s less the full 25 % jitter
        #expect(RetryPolicy.default.delay(afterAttempt: 40, random: 0) == 3_600)
    }

    @Test func aFailingJobIsRetriedWithBackoffThenDiscardedWithEveryError() async throws {
        let harness = try await QueueHarness.make()
        let attempts = Counter()
        let worker = harness.makeWorker(.init(queue: "fail", pollInterval: .milliseconds(100)))
        worker.register(AlwaysFails.self, retry: RetryPolicy(base: 0.2, maximum: 1, jitter: 0)) { job, context in
            attempts.increment()
            throw TestSupportError("\(job.reason) on attempt \(context.attempt)")
        }
        let job = try #require(try await harness.jobs.enqueue(AlwaysFails(reason: "gateway down"), .init(queue: "fail", maxAttempts: 3)))
        try await harness.running([worker]) {
            // After the first failure the job waits about 0.2 s with its error recorded.
            try await harness.waitUntil("the first retry to be scheduled") {
                try await harness.state(of: job.id) == "retryable"
            }
            let wait =
                try await harness.pool.query(
                    "SELECT extract(epoch FROM run_at - attempted_at)::float8 FROM queue.jobs WHERE id = \(job.id)"
                ).scalar(Double.self) ?? 0
            // At least the policy's 0.2 s (no upper bound: a busy machine stretches the attempt itself).
            #expect(wait >= 0.19)
            try await harness.waitUntil("the job to be discarded") { try await harness.state(of: job.id) == "discarded" }
        }
        #expect(attempts.value == 3)
        let dead = try await harness.admin.jobs(state: "discarded", queue: "fail")
        #expect(dead.count == 1)
        #expect(dead.first?.errors.map(\.attempt) == [1, 2, 3])
        #expect(dead.first?.errors.last?.error.contains("gateway down on attempt 3") == true)
    }

    @Test func aPoisonJobNeverBlocksTheJobsBehindIt() async throws {
        let harness = try await QueueHarness.make()
        let worker = harness.makeWorker(.init(queue: "mixed", concurrency: 1, batchSize: 1, pollInterval: .milliseconds(100)))
        worker.register(AlwaysFails.self, retry: RetryPolicy(base: 0.5, maximum: 0.5, jitter: 0)) { _, _ in throw TestSupportError("poison") }
        worker.register(Echo.self) { _, _ in }
        try await harness.jobs.enqueue(AlwaysFails(reason: "poison"), .init(queue: "mixed", priority: .urgent, maxAttempts: 100))
        try await harness.jobs.enqueue(try (0..<20).map { try NewJob(Echo(text: "\($0)"), options: .init(queue: "mixed")) })
        try await harness.running([worker]) {
            try await harness.waitUntil("every normal job") {
                try await harness.count("SELECT count(*) FROM queue.finished WHERE kind = 'test.echo'") == 20
            }
        }
        #expect(try await harness.count("SELECT count(*) FROM queue.jobs WHERE kind = 'test.always-fails'") == 1)
    }

    @Test func unknownKindsAndUndecodablePayloadsAreDiscardedAtOnce() async throws {
        let harness = try await QueueHarness.make()
        let worker = harness.makeWorker(.init(queue: "strict"))
        worker.register(Echo.self) { _, _ in }
        let unknown = try #require(
            try await harness.jobs.enqueue([NewJob(kind: "test.nobody", version: 1, payload: Array("{}".utf8), options: .init(queue: "strict"))])
                .first
        )
        let garbled = try #require(
            try await harness.jobs.enqueue([NewJob(kind: Echo.kind, version: 1, payload: Array(#"{"txt": 1}"#.utf8), options: .init(queue: "strict"))]
            ).first
        )
        try await harness.running([worker]) {
            try await harness.waitUntil("both discarded") {
                try await harness.count("SELECT count(*) FROM queue.finished WHERE state = 'discarded'") == 2
            }
        }
        let dead = try await harness.admin.jobs(state: "discarded", queue: "strict")
        let byID = Dictionary(uniqueKeysWithValues: dead.map { ($0.id, $0) })
        #expect(byID[unknown.id]?.attempt == 1)
        #expect(byID[unknown.id]?.errors.first?.error.contains("no handler for kind 'test.nobody'") == true)
        #expect(byID[garbled.id]?.attempt == 1)
        #expect(byID[garbled.id]?.errors.first?.error.contains("does not decode as Echo") == true)
    }

    @Test func gracefulShutdownHandsUnfinishedJobsBack() async throws {
        let harness = try await QueueHarness.make()
        let started = Counter()
        let worker = harness.makeWorker(.init(queue: "slow", concurrency: 4, shutdownTimeout: .milliseconds(300)))
        worker.register(Echo.self) { _, _ in
            started.increment()
            try await Task.sleep(for: .seconds(60))
        }
        try await harness.jobs.enqueue(try (0..<3).map { try NewJob(Echo(text: "\($0)"), options: .init(queue: "slow")) })
        try await harness.running([worker]) {
            try await harness.waitUntil("three running jobs") { started.value == 3 }
        }
        let rows = try await harness.pool.query("SELECT state::text, attempt, lease_token IS NULL AS free FROM queue.jobs")
        #expect(rows.count == 3)
        for row in rows {
            #expect(try row.decode("state", as: String.self) == "available")
            #expect(try row.decode("attempt", as: Int.self) == 0)  // a handed-back attempt does not count
            #expect(try row.decode("free", as: Bool.self))
        }
    }

    @Test func aLostNotificationDelaysAJobByAtMostThePollInterval() async throws {
        let harness = try await QueueHarness.make()
        let ran = Counter()
        let worker = harness.makeWorker(.init(queue: "quiet", pollInterval: .milliseconds(300)))
        worker.register(Echo.self) { _, _ in ran.increment() }
        try await harness.running([worker]) {
            try await Task.sleep(for: .milliseconds(200))  // let the worker go idle
            // Insert without ringing the doorbell: as if the notification were lost.
            _ = try await harness.pool.withTransaction { tx in
                try JobStore.insert([try NewJob(Echo(text: "unannounced"), options: .init(queue: "quiet"))], on: tx)
            }
            try await harness.waitUntil(timeout: .seconds(10), "the poll to find the job") { ran.value == 1 }
        }
    }

    @Test func withoutAPollOnlyTheDoorbellWakesTheWorker() async throws {
        let harness = try await QueueHarness.make()
        let ran = Counter()
        let worker = harness.makeWorker(.init(queue: "bell", pollInterval: .seconds(600)))
        worker.register(Echo.self) { _, _ in ran.increment() }
        try await harness.running([worker]) {
            // A first job, rung in, proves the worker is up; then it settles into waiting for the next ring
            // (on a loaded machine its start-up alone can take longer than any fixed sleep).
            try await harness.jobs.enqueue(Echo(text: "first"), .init(queue: "bell"))
            try await harness.waitUntil(timeout: .seconds(30), "the first job") { ran.value == 1 }
            // After a job the worker claims once more to see whether more are due; on a loaded machine that
            // claim can come a second or more later, and it would find the silent job below.
            try await Task.sleep(for: .seconds(3))
            _ = try await harness.pool.withTransaction { tx in
                try JobStore.insert([try NewJob(Echo(text: "silent"), options: .init(queue: "bell"))], on: tx)
            }
            try await Task.sleep(for: .seconds(1))
            #expect(ran.value == 1)  // nothing rang and the next poll is minutes away
            try await harness.jobs.enqueue(Echo(text: "rung"), .init(queue: "bell"))
            try await harness.waitUntil(timeout: .seconds(10), "the doorbell to wake the worker") { ran.value == 3 }
        }
    }
}
