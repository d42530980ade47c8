import Foundation
import Logging
import Postgres
import Synchronization

extension JobWorker {
    /// Rescues expired leases, schedules periodic jobs, vacuums the hot table, prunes finished jobs
    /// and samples the gauges, each on its own period.
    func maintainUntilStopped() async {
        let long = ContinuousClock.now - .seconds(3600)
        var last: [String: ContinuousClock.Instant] = ["rescue": long, "vacuum": long, "prune": long, "gauges": long]
        func due(_ task: String, every period: Duration) -> Bool {
            guard let previous = last[task], ContinuousClock.now - previous >= period else { return false }
            last[task] = .now
            return true
        }
        while !background.isStopped {
            if due("rescue", every: configuration.rescueInterval) { await rescue() }
            await schedulePeriodicJobs(now: Date())
            if due("vacuum", every: .seconds(2)) { await vacuumIfBloated() }
            if due("prune", every: .seconds(60)) { await prune() }
            if due("gauges", every: .seconds(10)) { await sampleGauges() }
            await background.signal.wait(timeout: .seconds(1))
        }
    }

    /// Vacuums `queue.jobs` when its dead tuples pile up faster than autovacuum (which by default
    /// looks only once a minute) clears them: every job leaves two dead row versions behind, and the
    /// claim would otherwise wade through their index entries. One replica at a time.
    func vacuumIfBloated() async {
        do {
            try await queuePool.withConnection { connection in
                let dead =
                    try connection.query(
                        "SELECT n_dead_tup FROM pg_stat_user_tables WHERE schemaname = 'queue' AND relname = 'jobs'"
                    ).scalar(Int.self) ?? 0
                guard dead >= 20_000,
                    try connection.query("SELECT pg_try_advisory_lock(hashtext('linli.queue.vacuum'))").scalar(Bool.self) == true
                else { return }
                defer { _ = try? connection.execute("SELECT pg_advisory_unlock(hashtext('linli.queue.vacuum'))") }
                try connection.executeScript("VACUUM queue.jobs")
            }
        } catch {
            logger.warning("cannot vacuum queue.jobs", metadata: ["error": "\(error)"])
        }
    }

    /// Takes back jobs of any queue whose lease expired; rings for the queues they return to.
    func rescue() async {
        do {
            let rescued = try await queuePool.withConnection { try JobStore.rescueExpired(limit: 1_000, on: $0) }
            guard !rescued.isEmpty else { return }
            for job in rescued {
                logger.warning(
                    job.discarded ? "discarded a job whose worker died on its last attempt" : "rescued a job whose worker stopped renewing its lease",
                    metadata: ["job.id": "\(job.id)", "job.queue": "\(job.queue)"]
                )
            }
            metrics.count("rescued", kind: "*", by: rescued.count)
            jobs.doorbell.ring(rescued.filter { !$0.discarded }.map { EnqueuedJob(id: $0.id, queue: $0.queue, runAt: $0.runAt) })
        } catch {
            logger.warning("cannot rescue expired leases", metadata: ["error": "\(error)"])
        }
    }

    /// Enqueues due slots of this worker's periodic jobs (exactly once across replicas).
    func schedulePeriodicJobs(now: Date) async {
        for periodic in periodicJobs.withLock({ $0 }) {
            do {
                _ = try await jobs.withTransaction { tx, outbox in
                    if let job = try periodic.enqueueDueSlot(now: now, on: tx) { outbox.note([job]) }
                }
            } catch {
                logger.warning("cannot schedule a periodic job", metadata: ["periodic": "\(periodic.name)", "error": "\(error)"])
            }
        }
    }

    /// Deletes finished jobs past their retention, in bounded batches; one replica at a time.
    func prune() async {
        let completed = configuration.completedRetention.secondsValue
        let dead = configuration.deadRetention.secondsValue
        do {
            let removed = try await queuePool.withTransaction { tx -> Int in
                guard try tx.query("SELECT pg_try_advisory_xact_lock(hashtext('linli.queue.prune'))").scalar(Bool.self) == true
                else { return 0 }
                return try tx.execute(
                    """
                    DELETE FROM queue.finished WHERE ctid = ANY (ARRAY(
                        SELECT ctid FROM queue.finished
                        WHERE (state = 'completed' AND finished_at < now() - make_interval(secs => \(completed)))
                           OR (state <> 'completed' AND finished_at < now() - make_interval(secs => \(dead)))
                        LIMIT 50000))
                    """
                )
                    + tx.execute("DELETE FROM queue.consumed_events WHERE consumed_at < now() - interval '30 days'")
            }
            if removed > 0 { logger.debug("pruned finished jobs", metadata: ["rows": "\(removed)"]) }
        } catch {
            logger.warning("cannot prune finished jobs", metadata: ["error": "\(error)"])
        }
    }

    /// Samples queue depth, the oldest available job's age and the hot table's dead tuples.
    func sampleGauges() async {
        let queue = configuration.queue
        do {
            let row = try await queuePool.query(
                """
                SELECT count(*) FILTER (WHERE state = 'available') AS available,
                       count(*) FILTER (WHERE state IN ('scheduled', 'retryable')) AS scheduled,
                       count(*) FILTER (WHERE state = 'running') AS running,
                       coalesce(extract(epoch FROM now() - min(run_at) FILTER (WHERE state = 'available')), 0)::float8 AS oldest,
                       (SELECT n_dead_tup FROM pg_stat_user_tables WHERE schemaname = 'queue' AND relname = 'jobs') AS dead
                FROM queue.jobs WHERE queue = \(queue)
                """
            )[0]
            metrics.recordDepth(
                available: try row.decode(0),
                scheduled: try row.decode(1),
                running: try row.decode(2),
                oldestAvailableSeconds: try row.decode(3)
            )
            QueueMetrics.recordDeadTuples(try row.decode(4, as: Int?.self) ?? 0)
        } catch {
            logger.debug("cannot sample queue gauges", metadata: ["error": "\(error)"])
        }
    }
}
