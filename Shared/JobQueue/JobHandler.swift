import Foundation
import Models
import Postgres

/// A registered handler: how to run one kind of job.
struct JobHandler: Sendable {
    /// How the handler's work and the job's completion are committed.
    enum Body: Sendable {
        /// The handler runs outside any transaction; completions are batched.
        case plain(@Sendable (ClaimedJob, JobContext) async throws -> Void)
        /// The handler's writes, its outbox and the job's completion commit in one transaction.
        case transactional(@Sendable (ClaimedJob, JobContext, isolated PostgresConnection, JobOutbox) async throws -> Void)
        /// Up to `maxSize` jobs of the kind run in one transaction that also completes them all, at most
        /// `concurrency` such batches at once; when a batch's transaction fails, each of its jobs runs
        /// alone in a transaction of its own.
        case batch(maxSize: Int, concurrency: Int, run: @Sendable ([ClaimedJob], isolated PostgresConnection, JobOutbox) async throws -> Void)
    }

    /// The most jobs one run of this handler takes.
    var maxBatch: Int {
        if case .batch(let maxSize, _, _) = body { return maxSize }
        return 1
    }

    /// How many runs of this handler may be under way at once (`nil`: as many as the worker allows).
    var batchConcurrency: Int? {
        if case .batch(_, let concurrency, _) = body { return concurrency }
        return nil
    }

    let kind: String
    let retry: RetryPolicy
    let body: Body
    /// For events: record the event id in the transaction, and skip it if already consumed.
    let deduplicatesEvents: Bool

    /// Decodes a claimed payload as `Payload`, turning failure into a discard with a clear reason.
    static func decode<Payload: JobPayload>(_ type: Payload.Type, from job: ClaimedJob) throws -> Payload {
        do {
            return try Payload.decode(version: job.version, from: job.payload.json)
        } catch {
            throw JobError(
                code: .undecodablePayload,
                reason: "payload of \(job.kind) v\(job.version) does not decode as \(Payload.self): \(error)"
            )
        }
    }
}
