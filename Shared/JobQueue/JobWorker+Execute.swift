import Foundation
import Logging
import Models
import Postgres
import Synchronization

extension JobWorker {
    /// Runs one claimed job to an outcome: completed (batched or in the handler's transaction),
    /// retried, snoozed, discarded, cancelled, handed back, or dropped because its lease was lost.
    func execute(_ job: ClaimedJob) async {
        metrics.recordWait(kind: job.kind, seconds: job.attemptedAt.timeIntervalSince(job.runAt))
        let started = ContinuousClock.now
        let context = makeContext(for: job)
        guard let handler = handlers.withLock({ $0[job.kind] }) else {
            let reason = "no handler for kind '\(job.kind)' in queue '\(job.queue)'"
            context.logger.error("discarding a job of unknown kind")
            record(job, .discard(error: reason))
            return
        }
        do {
            switch handler.body {
            case .plain(let run):
                try await run(job, context)
                if inFlight.entry(job.id)?.leaseLost == true { throw JobError(code: .leaseLost, reason: "lease lost while running") }
                record(job, .completed)
            case .transactional(let run):
                try await runTransactionally(job, handler: handler, context: context, body: run)
            case .batch(_, _, let run):
                try await runTransactionally(job, handler: handler, context: context) { job, _, tx, outbox in
                    try await run([job], tx, outbox)
                }
            }
            metrics.recordRun(kind: job.kind, seconds: (ContinuousClock.now - started).secondsValue)
        } catch {
            metrics.recordRun(kind: job.kind, seconds: (ContinuousClock.now - started).secondsValue)
            record(job, outcome(for: error, job: job, handler: handler, context: context))
        }
    }

    /// The handler's writes, its outbox and the fenced completion in one transaction.
    private func runTransactionally(
        _ job: ClaimedJob,
        handler: JobHandler,
        context: JobContext,
        body: @escaping @Sendable (ClaimedJob, JobContext, isolated PostgresConnection, JobOutbox) async throws -> Void
    ) async throws {
        let queue = configuration.queue
        let enqueued = try await jobs.pool.withTransaction { tx in
            let outbox = JobOutbox()
            let toRun = handler.deduplicatesEvents ? try JobStore.unconsumed([job], queue: queue, on: tx) : [job]
            if toRun.isEmpty {
                context.logger.info("event already consumed by this queue; skipping it")
            } else {
                try await body(job, context, tx, outbox)
            }
            try JobStore.complete([job], on: tx)
            return outbox.enqueued
        }
        inFlight.remove(job.id)
        wake.fire()
        metrics.count("completed", kind: job.kind)
        jobs.doorbell.ring(enqueued)
    }

    /// Decides what a failed attempt does to its job.
    private func outcome(for error: any Error, job: ClaimedJob, handler: JobHandler, context: JobContext) -> JobOutcome? {
        let entry = inFlight.entry(job.id)
        if entry?.leaseLost == true || (error as? JobError)?.code == .leaseLost {
            context.logger.warning("lease lost: the job was rescued elsewhere; dropping this attempt's outcome")
            return nil
        }
        if entry?.cancelRequested == true { return .cancelled }
        if error is CancellationError || Task.isCancelled, isShuttingDown.load(ordering: .acquiring) {
            return .reschedule(delay: 0, note: "handed back at shutdown")
        }
        let message = String(String(describing: error).prefix(2_000))
        if let jobError = error as? JobError {
            switch jobError.code {
            case .snooze: return .reschedule(delay: jobError.delay, note: nil)
            case .discard, .undecodablePayload, .unknownKind, .invalidOptions:
                context.logger.error("discarding job", metadata: ["error": "\(message)"])
                return .discard(error: message)
            default: break
            }
        }
        if job.attempt >= job.maxAttempts {
            context.logger.error("job failed its last attempt; discarding it", metadata: ["error": "\(message)"])
            return .discard(error: message)
        }
        let delay = handler.retry.delay(afterAttempt: job.attempt)
        context.logger.warning("job failed; retrying", metadata: ["error": "\(message)", "retry_in_s": "\(Int(delay))"])
        return .retry(delay: delay, error: message)
    }

    /// Queues an outcome for the flusher; the job stays in flight (and renewed) until it is written.
    func record(_ job: ClaimedJob, _ outcome: JobOutcome?) {
        guard let outcome else {
            inFlight.remove(job.id)
            wake.fire()
            return
        }
        let error: String? =
            switch outcome {
            case .retry(_, let error), .discard(let error): error
            case .reschedule(_, let note): note
            case .completed, .cancelled: nil
            }
        transitions.add(
            JobStore.Transition(
                id: job.id,
                token: job.leaseToken,
                outcome: outcome,
                errorEntry: error.map { errorEntry(attempt: job.attempt, message: $0) }
            )
        )
    }

    private func errorEntry(attempt: Int, message: String) -> PostgresJSONB {
        struct Entry: Encodable {
            let attempt: Int
            let at: Date
            let error: String
            let worker: String
        }
        let entry = Entry(attempt: attempt, at: Date(), error: message, worker: configuration.workerName)
        return PostgresJSONB(rawJSON: (try? LinliJSON.encode([entry])) ?? Array("[]".utf8))
    }

    func makeContext(for job: ClaimedJob) -> JobContext {
        var logger = self.logger
        logger[metadataKey: "job.id"] = "\(job.id)"
        logger[metadataKey: "job.kind"] = "\(job.kind)"
        logger[metadataKey: "job.attempt"] = "\(job.attempt)"
        if let correlationID = job.correlationID { logger[metadataKey: "correlation_id"] = "\(correlationID)" }
        return JobContext(
            jobID: job.id,
            queue: job.queue,
            kind: job.kind,
            attempt: job.attempt,
            maxAttempts: job.maxAttempts,
            runAt: job.runAt,
            eventID: job.eventID,
            correlationID: job.correlationID,
            traceparent: job.traceparent,
            logger: logger,
            jobs: jobs
        )
    }
}
