import Foundation
import Logging
import Models
import Postgres
import Synchronization

extension JobWorker {
    /// Subscribes this worker's queue to an event topic and handles up to `maxBatch` of its events
    /// at a time, in one transaction that also records them as consumed and completes their jobs.
    ///
    /// For hot topics, where a transaction per event costs more than the work. At most `concurrency`
    /// batches of the topic run at once (batches of one topic tend to write the same rows, so more
    /// would mostly wait on each other); the worker's other kinds are not held back. `handler` gets the
    /// events not consumed before, in claim order, and must give each the effect it would have alone
    /// (so it must not depend on how events fall into batches). When the batch's transaction fails,
    /// its jobs run again one per transaction, so a poison event fails, retries and is discarded
    /// alone, with its own error history, and never holds back the others.
    public func subscribeBatch<Event: DomainEvent>(
        _ type: Event.Type,
        maxBatch: Int = 100,
        concurrency: Int = 2,
        retry: RetryPolicy = .default,
        handler: @escaping @Sendable ([Event], isolated PostgresConnection, JobOutbox) async throws -> Void
    ) {
        let body: @Sendable ([ClaimedJob], isolated PostgresConnection, JobOutbox) async throws -> Void = { jobs, tx, outbox in
            try await handler(try jobs.map { try JobHandler.decode(Event.self, from: $0) }, tx, outbox)
        }
        handlers.withLock {
            $0[Event.topic] = JobHandler(
                kind: Event.topic,
                retry: retry,
                body: .batch(maxSize: max(1, maxBatch), concurrency: max(1, concurrency), run: body),
                deduplicatesEvents: true
            )
        }
    }

    /// The most jobs one unit of work may hold (1 when no handler batches).
    var largestBatch: Int {
        handlers.withLock { $0.values.map(\.maxBatch).max() ?? 1 }
    }

    /// Splits claimed jobs into units: each batching kind's jobs in runs of its batch size, every
    /// other job alone; units keep the order of their first job.
    func units(of claimed: [ClaimedJob]) -> [[ClaimedJob]] {
        let sizes = handlers.withLock { $0.mapValues(\.maxBatch) }
        var units: [[ClaimedJob]] = []
        var open: [String: Int] = [:]  // kind → index of its unit still filling
        for job in claimed {
            let size = sizes[job.kind] ?? 1
            if size > 1, let index = open[job.kind], units[index].count < size {
                units[index].append(job)
                continue
            }
            if size > 1 { open[job.kind] = units.count }
            units.append([job])
        }
        return units
    }

    /// Whether `unit` is a batch whose kind already has its most batches running.
    func batchLimitReached(for unit: [ClaimedJob]) -> Bool {
        let kind = unit[0].kind
        guard let limit = handlers.withLock({ $0[kind]?.batchConcurrency }) else { return false }
        return runningBatches.withLock { ($0[kind] ?? 0) >= limit }
    }

    /// Counts a batch of `kind` as started (`by: 1`) or ended (`by: -1`).
    func countBatch(of kind: String, by change: Int) {
        runningBatches.withLock { $0[kind] = max(0, ($0[kind] ?? 0) + change) }
    }

    /// Runs a batch of one kind in one transaction; if it fails, runs each job alone.
    func executeBatch(_ batch: [ClaimedJob]) async {
        let kind = batch[0].kind
        guard let handler = handlers.withLock({ $0[kind] }), case .batch(_, _, let run) = handler.body else {
            for job in batch { await execute(job) }
            return
        }
        for job in batch { metrics.recordWait(kind: kind, seconds: job.attemptedAt.timeIntervalSince(job.runAt)) }
        let started = ContinuousClock.now
        do {
            let enqueued = try await runBatchTransaction(batch, run: run)
            let seconds = (ContinuousClock.now - started).secondsValue / Double(batch.count)
            for job in batch {
                inFlight.remove(job.id)
                metrics.count("completed", kind: kind)
                metrics.recordRun(kind: kind, seconds: seconds)
            }
            wake.fire()
            jobs.doorbell.ring(enqueued)
        } catch {
            if Task.isCancelled {
                handBack(batch, after: error)
                return
            }
            logger.warning(
                "a batch failed; running its jobs one by one",
                metadata: ["job.kind": "\(kind)", "jobs": "\(batch.count)", "error": "\(error)"]
            )
            for job in batch { await execute(job) }
        }
    }

    /// The batch's dedup, its handler and its fenced completion, all in one transaction.
    private func runBatchTransaction(
        _ batch: [ClaimedJob],
        run: @escaping @Sendable ([ClaimedJob], isolated PostgresConnection, JobOutbox) async throws -> Void
    ) async throws -> [EnqueuedJob] {
        let queue = configuration.queue
        return try await jobs.pool.withTransaction { tx in
            let outbox = JobOutbox()
            let toRun = try JobStore.unconsumed(batch, queue: queue, on: tx)
            if !toRun.isEmpty { try await run(toRun, tx, outbox) }
            try JobStore.complete(batch, on: tx)
            return outbox.enqueued
        }
    }

    /// After the batch's task was cancelled: operator-cancelled jobs are cancelled, jobs whose lease
    /// was lost are dropped (they run elsewhere), and the others go back to wait without losing an attempt.
    private func handBack(_ batch: [ClaimedJob], after error: any Error) {
        for job in batch {
            let entry = inFlight.entry(job.id)
            if entry?.leaseLost == true {
                record(job, nil)
            } else if entry?.cancelRequested == true {
                record(job, .cancelled)
            } else {
                record(job, .reschedule(delay: 0, note: "handed back: its batch was stopped (\(error))"))
            }
        }
    }
}
