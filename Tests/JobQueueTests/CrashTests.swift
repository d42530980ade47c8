import Foundation
import LinliTestSupport
import Models
import Postgres
import Testing

@testable import JobQueue

/// Faults with real processes: a worker killed mid-job, PostgreSQL restarted mid-run, the listener cut off.
@Suite("The queue survives crashes, restarts and lost sessions", .serialized)
struct CrashTests {
    @Test func aWorkerKilledMidJobHasItsJobRescuedAndCompletedExactlyOnce() async throws {
        let harness = try await QueueHarness.make()
        let url = harness.database.configuration().connectionString
        let first = try FixtureWorkerProcess.start(connectionString: url, queue: "crash", leaseSeconds: 1.5, pollMilliseconds: 200)
        let job = try #require(try await harness.jobs.enqueue(FixtureEffect(key: "slow", sleepMilliseconds: 8_000), .init(queue: "crash")))
        try await harness.waitUntil("the first worker to start the job") { try await harness.state(of: job.id) == "running" }
        await first.kill()
        let second = try FixtureWorkerProcess.start(connectionString: url, queue: "crash", leaseSeconds: 1.5, pollMilliseconds: 200)
        try await harness.waitUntil(timeout: .seconds(60), "the job to be rescued and completed") {
            try await harness.state(of: job.id) == "completed"
        }
        await second.stop()
        #expect(try await harness.count("SELECT count(*) FROM fixture_effects WHERE key = 'slow'") == 1)
        let record = try #require(try await harness.admin.jobs(state: "completed", queue: "crash").first)
        #expect(record.attempt == 2)
        #expect(record.errors.map(\.error).contains { $0.contains("lease expired") })
    }

    @Test func aPostgresRestartInTheMiddleOfTenThousandJobsLosesNoneAndRunsEachOnce() async throws {
        let cluster = try await TestCluster.makePrivate()
        let harness = try await QueueHarness.make(in: cluster)
        let url = harness.database.configuration().connectionString
        let workers = try (0..<2).map { _ in
            try FixtureWorkerProcess.start(connectionString: url, queue: "restart", leaseSeconds: 5, concurrency: 16, pollMilliseconds: 200)
        }
        let jobs = try (0..<10_000).map { try NewJob(FixtureEffect(key: "k\($0)"), options: .init(queue: "restart")) }
        for chunk in stride(from: 0, to: jobs.count, by: 1_000) {
            try await harness.jobs.enqueue(Array(jobs[chunk..<chunk + 1_000]))
        }
        try await harness.waitUntil(timeout: .seconds(60), "some progress before the restart") {
            try await harness.count("SELECT count(*) FROM fixture_effects") >= 1_000
        }
        let startedBefore = try await harness.pool.query("SELECT pg_postmaster_start_time()").scalar(Date.self)
        let doneBeforeRestart = try await harness.count("SELECT count(*) FROM queue.finished")
        try await cluster.restart()
        // The harness's own pool reconnects on its next use; the workers reconnect by themselves.
        try await harness.waitUntil(timeout: .seconds(120), "all ten thousand jobs") {
            (try? await harness.count("SELECT count(*) FROM queue.finished WHERE state = 'completed'")) == 10_000
        }
        for worker in workers { await worker.stop() }
        #expect(doneBeforeRestart < 10_000)
        #expect(try await harness.pool.query("SELECT pg_postmaster_start_time()").scalar(Date.self) != startedBefore)
        let summary = try await harness.pool.query(
            "SELECT count(*) AS effects, count(DISTINCT key) AS distinct_keys, count(DISTINCT pid) AS processes FROM fixture_effects"
        )[0]
        #expect(try summary.decode("effects", as: Int.self) == 10_000)
        #expect(try summary.decode("distinct_keys", as: Int.self) == 10_000)
        #expect(try await harness.count("SELECT count(*) FROM queue.jobs") == 0)
        await harness.pool.shutdown()
        await cluster.stop()
    }

    @Test func aTerminatedListenerRecoversAndTheNextJobStartsPromptly() async throws {
        let harness = try await QueueHarness.make()
        let ran = Counter()
        // A poll far away: only a notification can start the job quickly.
        let worker = harness.makeWorker(.init(queue: "listen", pollInterval: .seconds(600)))
        worker.register(Echo.self) { _, _ in ran.increment() }
        try await harness.running([worker]) {
            let listenerPID: SQL = "SELECT pid FROM pg_stat_activity WHERE application_name = 'linli-tests-listener'"
            try await harness.waitUntil("the listener") { try await harness.pool.query(listenerPID).rowCount == 1 }
            let old = try await harness.count(listenerPID)
            #expect(try await harness.pool.query("SELECT pg_terminate_backend(\(Int32(old)))").scalar(Bool.self) == true)
            try await harness.waitUntil("the listener to reconnect") {
                let pids = try await harness.pool.query(listenerPID).column("pid", as: Int.self)
                return pids.count == 1 && pids[0] != old
            }
            let started = ContinuousClock.now
            try await harness.jobs.enqueue(Echo(text: "after"), .init(queue: "listen"))
            try await harness.waitUntil(timeout: .seconds(20), "the job after the reconnect") { ran.value == 1 }
            #expect(ContinuousClock.now - started < .seconds(20))
        }
    }
}
