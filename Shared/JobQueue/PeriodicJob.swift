import Foundation
import Models
import Postgres

/// A job to enqueue at every slot of a cron schedule, declared in code.
///
/// Any number of replicas may schedule it: each slot is claimed in `queue.periodic` with a
/// conditional upsert, so exactly one replica enqueues it. A slot missed while every replica was
/// down runs once when one comes back (only the latest missed slot, not every one). The first time
/// a schedule is seen, its latest slot runs only if it is younger than ``catchUpWindow``.
public struct PeriodicJob: Sendable {
    /// A stable name; renaming it starts the schedule afresh.
    public let name: String
    public let schedule: CronSchedule
    /// How old the latest slot may be, on first sight, and still run.
    public let catchUpWindow: TimeInterval
    let makeJob: @Sendable (Date) throws -> NewJob

    /// Declares a periodic job.
    /// - Parameters:
    ///   - payload: builds the job for a slot (the slot's time is passed in).
    public init<Payload: JobPayload>(
        name: String,
        schedule: CronSchedule,
        options: JobOptions,
        catchUpWindow: TimeInterval = 300,
        payload: @escaping @Sendable (Date) -> Payload
    ) {
        self.name = name
        self.schedule = schedule
        self.catchUpWindow = catchUpWindow
        self.makeJob = { slot in
            var options = options
            options.uniqueKey = "periodic:\(name):\(Int64(slot.timeIntervalSince1970))"
            return try NewJob(payload(slot), options: options)
        }
    }

    /// Enqueues the latest slot at or before `now` unless a replica already did.
    /// - Returns: the job enqueued, or `nil` if the slot was already taken (or too old on first sight).
    func enqueueDueSlot(now: Date, on tx: isolated PostgresConnection) throws -> EnqueuedJob? {
        guard let slot = schedule.previous(atOrBefore: now) else { return nil }
        let claim = try tx.query(
            """
            INSERT INTO queue.periodic (name, last_slot) VALUES (\(name), \(slot))
            ON CONFLICT (name) DO UPDATE SET last_slot = EXCLUDED.last_slot, updated_at = now()
            WHERE queue.periodic.last_slot < EXCLUDED.last_slot
            RETURNING (xmax = 0) AS first_sight
            """
        )
        guard let firstSight = try claim.scalar(Bool.self) else { return nil }
        if firstSight && now.timeIntervalSince(slot) > catchUpWindow { return nil }
        return try JobStore.insert([try makeJob(slot)], on: tx).first
    }
}
