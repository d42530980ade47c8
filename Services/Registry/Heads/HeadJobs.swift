import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// The heads' scheduled work: every night, assignments whose last day has passed are ended (the
/// unit becomes vacant and `head.vacated` tells the other services).
struct HeadJobs {
    /// The periodic job's name in `queue.periodic`, and the job's kind.
    static let endExpiredName = "registry.end-expired-head-assignments"
    /// When it runs: five past midnight, every day, Beijing time.
    static let endExpiredCron = "5 0 * * *"
    /// ``endExpiredCron`` parsed (a literal known to be valid: any test that registers the jobs reads it).
    static let endExpiredSchedule = try! CronSchedule(endExpiredCron)

    /// The nightly job's payload.
    struct EndExpiredAssignments: JobPayload {
        static let kind = HeadJobs.endExpiredName
    }

    let clock: WallClock

    /// Registers the handler and the schedule on the registry's worker.
    func register(on worker: JobWorker, queue: String) {
        worker.registerTransactional(EndExpiredAssignments.self) { _, _, tx, outbox in try endExpiredAssignments(outbox: outbox, on: tx) }
        worker.schedule(
            PeriodicJob(name: Self.endExpiredName, schedule: Self.endExpiredSchedule, options: .init(queue: queue)) { _ in
                EndExpiredAssignments()
            }
        )
    }

    /// Ends every open assignment whose last day is before today (by the clock); returns how many units became vacant.
    @discardableResult
    func endExpiredAssignments(outbox: JobOutbox, on tx: isolated PostgresConnection) throws -> Int {
        let now = clock.now()
        let units = try HeadStore.unitsWithExpiredAssignments(now: now, on: tx)
        for unit in units { try HeadDesk.vacate(unitID: unit, on: now, outbox: outbox, correlationID: nil, on: tx) }
        return units.count
    }
}
