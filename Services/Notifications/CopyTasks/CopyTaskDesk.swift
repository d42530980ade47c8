import Foundation
import JobQueue
import Postgres
import ServiceKit

/// Copy tasks for staff within their scope: listing them, and ticking one done, which ends its delivery.
struct CopyTaskDesk {
    let jobs: JobQueue
    let clock: WallClock

    func list(by principal: Principal, compoundID: Int?, openOnly: Bool, after: Int?, limit: Int) async throws -> Page<CopyTask> {
        let tasks = try await jobs.pool.withConnection {
            try CopyTaskStore.list(in: principal, compoundID: compoundID, openOnly: openOnly, after: after, limit: limit, on: $0)
        }
        return Page(items: tasks, next: tasks.count == limit ? tasks.last.map { String($0.id) } : nil)
    }

    /// Marks the task done (once; a second tick changes nothing); a task outside the principal's scope is not found.
    func markDone(_ id: Int, by principal: Principal) async throws -> CopyTask {
        try await jobs.withTransaction { tx, outbox in
            guard let task = try CopyTaskStore.find(id, on: tx), principal.covers(try CompoundScope.of(task.compoundID, on: tx)) else {
                throw Refusal.notFound("copy task")
            }
            if !task.done, let delivery = try DeliveryStore.load(id, on: tx) {
                try DeliveryStore.end(
                    delivery,
                    status: .sent,
                    error: nil,
                    response: nil,
                    worker: principal.subject,
                    at: clock.now(),
                    on: tx,
                    outbox: outbox
                )
            }
            return try CopyTaskStore.find(id, on: tx) ?? task
        }
    }
}
