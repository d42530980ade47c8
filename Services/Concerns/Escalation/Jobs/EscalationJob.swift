import Foundation
import JobQueue
import Logging
import ServiceKit

/// The periodic escalation on the service's own queue: runs ``Escalation`` at the clock's now for each
/// slot of ``ConcernsConfiguration/escalationSchedule`` and logs what it escalated.
struct EscalationJob {
    let jobs: JobQueue
    let configuration: ConcernsConfiguration
    /// What "now" is when a slot's job runs.
    let clock: WallClock

    /// Registers the handler and the schedule on the worker.
    func register(on worker: JobWorker) {
        let escalation = Escalation(jobs: jobs, configuration: configuration)
        let clock = self.clock
        worker.register(EscalateOverdue.self) { _, context in
            let report = try await escalation.run(now: clock.now(), correlationID: "job:\(context.jobID)")
            context.logger.info(
                "escalated overdue work",
                metadata: ["concerns": "\(report.concerns)", "action_items": "\(report.actionItems)", "batches": "\(report.batches)"]
            )
        }
        worker.schedule(
            PeriodicJob(
                name: EscalateOverdue.kind,
                schedule: configuration.escalationSchedule,
                options: JobOptions(queue: worker.configuration.queue, priority: .low, maxAttempts: 5)
            ) { slot in EscalateOverdue(slot: slot) }
        )
    }
}
