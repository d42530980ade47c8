import Foundation
import JobQueue
import Models
import ServiceKit

/// The daily copy of the gauges into the buckets containing the slot (a job of the analytics queue only).
struct SnapshotGauges: JobPayload, Equatable {
    static let kind = "analytics.snapshot"
    var slot: Date
}

/// The daily gauge snapshot: ``PlaceState/snapshot(at:buckets:on:)`` for each slot of
/// ``AnalyticsConfiguration/snapshotSchedule``, in the transaction that completes the job.
struct SnapshotJob {
    let buckets: Buckets
    let schedule: CronSchedule

    /// Registers the handler and, with `scheduling`, the schedule (tests leave it out and run it by hand).
    func register(on worker: JobWorker, scheduling: Bool) {
        let buckets = self.buckets
        worker.registerTransactional(SnapshotGauges.self) { job, _, tx, _ in
            try PlaceState.snapshot(at: job.slot, buckets: buckets, on: tx)
        }
        guard scheduling else { return }
        worker.schedule(
            PeriodicJob(name: "analytics.snapshot", schedule: schedule, options: JobOptions(queue: worker.configuration.queue)) {
                SnapshotGauges(slot: $0)
            }
        )
    }
}
