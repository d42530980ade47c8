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
