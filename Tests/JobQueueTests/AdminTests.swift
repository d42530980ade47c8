import Foundation
import LinliTestSupport
import Models
import Postgres
import Testing

@testable import JobQueue

@Suite("Operators list, retry and cancel jobs")
struct AdminTests {
    @Test func statisticsCountEveryState() async throws {
        let harness = try await QueueHarness.make()
        try await harness.jobs.enqueue(Echo(text: "now"), .init(queue: "stats"))
        try await harness.jobs.enqueue(Echo(text: "later"), .init(queue: "stats", runAt: Date().addingTimeInterval(3600)))
        let stats = try await harness.admin.statistics()
        #expect(stats.count == 1)
        #expect(stats.first?.counts == ["available": 1, "scheduled": 1])
        #expect((stats.first?.oldestAvailableSeconds ?? -1) >= 0)
    }

    @Test func aDiscardedJobCanBeRetriedAndRunsAgain() async throws {
        let harness = try await QueueHarness.make()
        let fail = Counter()
        let worker = harness.makeWorker(.init(queue: "admin", pollInterval: .milliseconds(100)))
        worker.register(Echo.self) { _, _ in
            if fail.increment() == 1 { throw JobError.discard("bad input, fixed by hand") }
        }
        let job = try #require(try await harness.jobs.enqueue(Echo(text: "x"), .init(queue: "admin")))
        try await harness.running([worker]) {
            try await harness.waitUntil("the discard") { try await harness.state(of: job.id) == "discarded" }
            #expect(try await harness.admin.retry(id: job.id))
            try await harness.waitUntil("the second run") { try await harness.state(of: job.id) == "completed" }
        }
        let record = try await harness.admin.jobs(state: "completed", queue: "admin").first
        #expect(record?.attempt == 1)
        #expect(record?.errors.count == 1)  // the discard's reason is kept
    }

    @Test func cancellingAWaitingJobAndARunningOne() async throws {
        let harness = try await QueueHarness.make()
        let started = Counter()
        let worker = harness.makeWorker(.init(queue: "cancel", leaseDuration: .milliseconds(600)))
        worker.register(Echo.self) { _, _ in
            started.increment()
            try await Task.sleep(for: .seconds(60))
        }
        let waiting = try #require(try await harness.jobs.enqueue(Echo(text: "w"), .init(queue: "cancel", runAt: Date().addingTimeInterval(600))))
        #expect(try await harness.admin.cancel(id: waiting.id))
        #expect(try await harness.state(of: waiting.id) == "cancelled")
        let running = try #require(try await harness.jobs.enqueue(Echo(text: "r"), .init(queue: "cancel")))
        try await harness.running([worker]) {
            try await harness.waitUntil("the job to start") { started.value == 1 }
            #expect(try await harness.admin.cancel(id: running.id))
            try await harness.waitUntil("the heartbeat to cancel it") { try await harness.state(of: running.id) == "cancelled" }
        }
        #expect(try await harness.admin.cancel(id: running.id) == false)
    }
}

@Suite("Finished jobs are pruned after their retention")
struct PruneTests {
    @Test func completedAndDeadJobsLeaveAfterTheirRetention() async throws {
        let harness = try await QueueHarness.make()
        let worker = harness.makeWorker(.init(queue: "prune", completedRetention: .seconds(0), deadRetention: .seconds(3600)))
        worker.register(Echo.self) { echo, _ in
            if echo.text == "bad" { throw JobError.discard("bad") }
        }
        try await harness.jobs.enqueue(try ["ok", "ok", "bad"].map { try NewJob(Echo(text: $0), options: .init(queue: "prune")) })
        try await harness.running([worker]) {
            // (The worker may already prune completed ones itself, so wait for the hot table to empty.)
            try await harness.waitUntil("all three finished") { try await harness.count("SELECT count(*) FROM queue.jobs") == 0 }
            // The worker's own maintenance may hold the prune lock at this moment (a second pruner then
            // skips its turn), so prune until the completed jobs are gone.
            try await harness.waitUntil(timeout: .seconds(30), "the completed jobs to be pruned") {
                await worker.prune()
                return try await harness.count("SELECT count(*) FROM queue.finished WHERE state = 'completed'") == 0
            }
        }
        // Completed jobs (retention 0) are gone; the dead letter (retention an hour) stays.
        #expect(try await harness.count("SELECT count(*) FROM queue.finished WHERE state = 'discarded'") == 1)
    }
}
