import Foundation
import JobQueue
import Logging
import Postgres
import Processes
import ServiceLifecycle

/// The measurements behind `linli-bench queue`, each on a freshly emptied queue.
struct QueueBenchContext {
    let connectionString: String
    let pool: PostgresPool
    let logger: Logger
    let concurrency: Int
    let batchSize: Int

    /// Empties the queue tables and checkpoints, so one measurement's vacuum and checkpoint work
    /// does not land in the next one.
    func reset() async throws {
        try await pool.execute("TRUNCATE queue.jobs, queue.finished")
        try await pool.execute("VACUUM ANALYZE queue.jobs")
        try await pool.execute("CHECKPOINT")
    }

    func fill(queue: String, jobs: Int) async throws {
        let client = JobQueue(pool: pool, doorbell: Doorbell(connection: pool.configuration.connection, logger: logger))
        for start in stride(from: 0, to: jobs, by: 5_000) {
            let batch = try (start..<min(start + 5_000, jobs)).map { _ in try NewJob(BenchJob(), options: .init(queue: queue)) }
            try await client.enqueue(batch)
        }
        try await pool.execute("VACUUM ANALYZE queue.jobs")
    }

    /// (d) Jobs per second for batches of 1,000, each in its own transaction.
    func batchEnqueueRate(jobs: Int) async throws -> Double {
        try await reset()
        let client = JobQueue(pool: pool, doorbell: Doorbell(connection: pool.configuration.connection, logger: logger))
        let batches = try (0..<jobs / 1_000).map { _ in
            try (0..<1_000).map { _ in try NewJob(BenchJob(), options: .init(queue: "bench-enqueue")) }
        }
        let started = ContinuousClock.now
        for batch in batches { try await client.enqueue(batch) }
        return Double(batches.count * 1_000) / (ContinuousClock.now - started).seconds
    }

    /// (a) Jobs per second for `processes` worker processes draining `jobs` pre-enqueued no-op jobs.
    func burnDown(jobs: Int, processes: Int) async throws -> Double {
        try await reset()
        try await fill(queue: "bench", jobs: jobs)
        let startAt = Date().addingTimeInterval(3)
        let workers = try (0..<processes).map { _ in try startWorker(queue: "bench", startAt: startAt) }
        try await Task.sleep(for: .seconds(max(0, startAt.timeIntervalSinceNow)))
        while try await pool.query("SELECT EXISTS (SELECT 1 FROM queue.jobs WHERE queue = 'bench')").scalar(Bool.self) == true {
            try await Task.sleep(for: .milliseconds(20))
        }
        let elapsed = Date().timeIntervalSince(startAt)
        for worker in workers { worker.send(SIGTERM) }
        for worker in workers { _ = await worker.wait() }
        return Double(jobs) / elapsed
    }

    /// (e) pgbench running the worker's claim and completion statements, 100 jobs at a time, 8 clients.
    func pgbenchReference(jobs: Int) async throws -> Double {
        try await reset()
        try await fill(queue: "bench-ref", jobs: jobs)
        let script = """
            WITH picked AS (
                SELECT id FROM queue.jobs WHERE queue = 'bench-ref' AND state = 'available'
                ORDER BY priority, run_at, id LIMIT 100 FOR UPDATE SKIP LOCKED),
            claimed AS (
                UPDATE queue.jobs j SET state = 'running', attempt = j.attempt + 1, lease_token = (SELECT gen_random_uuid()),
                    lease_expires_at = now() + make_interval(secs => 30), attempted_at = now(), worker = 'pgbench'
                FROM picked WHERE j.id = picked.id RETURNING j.id, j.lease_token)
            SELECT coalesce(array_agg(id), '{}') AS ids, coalesce(array_agg(lease_token), '{}') AS tokens FROM claimed
            \\gset
            WITH done AS (
                DELETE FROM queue.jobs j USING unnest(:ids::int8[], :tokens::uuid[]) AS c(id, token)
                WHERE j.id = c.id AND j.lease_token = c.token AND j.state = 'running' RETURNING j.*)
            INSERT INTO queue.finished (id, queue, kind, version, payload, priority, run_at, attempt, max_attempts, worker,
                unique_key, event_id, correlation_id, traceparent, tracestate, errors, created_at, attempted_at, state)
            SELECT id, queue, kind, version, payload, priority, run_at, attempt, max_attempts, worker, unique_key, event_id,
                correlation_id, traceparent, tracestate, errors, created_at, attempted_at, 'completed'
            FROM done;

            """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("linli-queue-ref-\(UUID().uuidString).sql")
        try script.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let started = ContinuousClock.now
        let (status, output) = try await ChildProcess.run(
            try Pgbench.executable(),
            ["-n", "-M", "prepared", "-c", "8", "-j", "8", "-t", String(jobs / 100 / 8 + 2), "-f", file.path, connectionString],
            environment: ["PGOPTIONS": "-c synchronous_commit=off"]
        )
        let elapsed = (ContinuousClock.now - started).seconds
        guard status == 0 else { throw BenchError("pgbench failed: \(output.suffix(800))") }
        let done = try await pool.query("SELECT count(*) FROM queue.finished WHERE queue = 'bench-ref'").scalar(Int.self) ?? 0
        guard done == jobs else { throw BenchError("pgbench finished \(done) of \(jobs) jobs") }
        return Double(done) / elapsed
    }

    func startWorker(queue: String, startAt: Date, latencyFile: String? = nil) throws -> ChildProcess {
        var arguments = [
            "queue-worker", "--database-url", connectionString, "--queue", queue, "--concurrency", "\(concurrency)",
            "--batch-size", "\(batchSize)", "--start-at", "\(startAt.timeIntervalSince1970)",
        ]
        if let latencyFile { arguments += ["--latency-file", latencyFile] }
        return try ChildProcess.spawn(try selfExecutable(), arguments, outputPath: "/tmp/linli-bench-worker.log")
    }
}

/// This program's own path, to start worker processes of the same build.
func selfExecutable() throws -> String {
    let path = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    return path
}
