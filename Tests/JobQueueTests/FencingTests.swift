import Foundation
import LinliTestSupport
import Models
import Postgres
import Testing

@testable import JobQueue

@Suite("Leases fence every transition after the claim")
struct FencingTests {
    /// Claims a job, lets its lease expire, rescues it and claims it again: the first claim is stale.
    func staleAndFreshClaims(_ harness: QueueHarness) async throws -> (stale: ClaimedJob, fresh: ClaimedJob) {
        try await harness.jobs.enqueue(Echo(text: "contested"), .init(queue: "fence"))
        let stale = try #require(
            try await harness.pool.withConnection { try JobStore.claim(queue: "fence", limit: 1, leaseSeconds: 30, worker: "a", on: $0) }.first
        )
        try await harness.pool.execute("UPDATE queue.jobs SET lease_expires_at = now() - interval '1 second' WHERE id = \(stale.id)")
        let rescued = try await harness.pool.withConnection { try JobStore.rescueExpired(limit: 10, on: $0) }
        #expect(rescued.map(\.id) == [stale.id])
        #expect(rescued.first?.discarded == false)
        try await harness.pool.execute("UPDATE queue.jobs SET run_at = now() WHERE id = \(stale.id)")
        _ = try await harness.pool.withConnection { try JobStore.stage(queue: "fence", on: $0) }
        let fresh = try #require(
            try await harness.pool.withConnection { try JobStore.claim(queue: "fence", limit: 1, leaseSeconds: 30, worker: "b", on: $0) }.first
        )
        #expect(fresh.id == stale.id)
        #expect(fresh.leaseToken != stale.leaseToken)
        #expect(fresh.attempt == 2)
        return (stale, fresh)
    }

    @Test func aStaleLeaseCannotCompleteRetryOrDiscard() async throws {
        let harness = try await QueueHarness.make()
        let (stale, fresh) = try await staleAndFreshClaims(harness)
        let complete = JobStore.Transition(id: stale.id, token: stale.leaseToken, outcome: .completed, errorEntry: nil)
        let discard = JobStore.Transition(id: stale.id, token: stale.leaseToken, outcome: .discard(error: "x"), errorEntry: nil)
        let retry = JobStore.Transition(id: stale.id, token: stale.leaseToken, outcome: .retry(delay: 1, error: "x"), errorEntry: nil)
        let completed = try await harness.pool.withConnection { try JobStore.finish([complete], state: "completed", on: $0) }
        let discarded = try await harness.pool.withConnection { try JobStore.finish([discard], state: "discarded", on: $0) }
        let retried = try await harness.pool.withConnection { try JobStore.reschedule([retry], on: $0) }
        let renewed = try await harness.pool.withConnection {
            try JobStore.heartbeat(ids: [stale.id], tokens: [stale.leaseToken], leaseSeconds: 30, on: $0)
        }
        #expect(completed.isEmpty)
        #expect(discarded.isEmpty)
        #expect(retried.isEmpty)
        #expect(renewed.isEmpty)
        #expect(try await harness.state(of: stale.id) == "running")
        // The fresh claim still finishes the job, exactly once.
        let done = try await harness.pool.withConnection { connection in
            try JobStore.finish(
                [JobStore.Transition(id: fresh.id, token: fresh.leaseToken, outcome: .completed, errorEntry: nil)],
                state: "completed",
                on: connection
            )
        }
        #expect(done == [fresh.id])
        #expect(try await harness.count("SELECT count(*) FROM queue.finished WHERE id = \(fresh.id)") == 1)
        let errors = try await harness.admin.jobs(state: "completed").first?.errors ?? []
        #expect(errors.count == 1)
        #expect(errors.first?.error.contains("lease expired") == true)
    }

    @Test func aTransactionalHandlersWritesRollBackWhenItsFenceFails() async throws {
        let harness = try await QueueHarness.make()
        try await harness.pool.execute("CREATE TABLE side_effects (note text)")
        let runs = Counter()
        let worker = harness.makeWorker(.init(queue: "fence", pollInterval: .milliseconds(100)))
        worker.registerTransactional(Echo.self, retry: RetryPolicy(base: 0.1, maximum: 0.1, jitter: 0)) { echo, context, tx, outbox in
            let run = runs.increment()
            try tx.execute("INSERT INTO side_effects (note) VALUES (\(echo.text + " run \(run)"))")
            try outbox.enqueue(Echo(text: "follow-up \(run)"), .init(queue: "elsewhere"), on: tx)
            if run == 1 {
                // Another run took the lease meanwhile (as after a rescue).
                try await harness.pool.execute("UPDATE queue.jobs SET lease_token = gen_random_uuid() WHERE id = \(context.jobID)")
            }
        }
        let job = try #require(try await harness.jobs.enqueue(Echo(text: "effect"), .init(queue: "fence")))
        try await harness.running([worker]) {
            try await Task.sleep(for: .milliseconds(500))
        }
        #expect(runs.value == 1)
        #expect(try await harness.count("SELECT count(*) FROM side_effects") == 0)
        #expect(try await harness.count("SELECT count(*) FROM queue.jobs WHERE queue = 'elsewhere'") == 0)
        #expect(try await harness.state(of: job.id) == "running")  // still held by the other lease
    }
}
