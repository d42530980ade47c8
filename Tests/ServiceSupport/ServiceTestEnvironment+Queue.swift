// The harness every service suite shares for its queue: run the worker, wait, drain. The generic parts
// (`withRunning`, `waitUntil`, `TestFailure`) live in LinliTestSupport, which the queue's own tests use
// without ServiceKit; a suite that calls them imports LinliTestSupport itself.
import JobQueue
import LinliTestSupport
import Postgres
import ServiceKit
import ServiceLifecycle

extension ServiceTestEnvironment {
    /// The single integer a query returns (0 when it returns none).
    public func count(_ sql: SQL) async throws -> Int {
        try await runtime.pool.query(sql).scalar(Int.self) ?? 0
    }

    /// Runs the runtime's doorbell, listener and worker, then `services`, while `body` runs; then
    /// shuts them down gracefully.
    ///
    /// Register the service's handlers on `runtime.worker` first. Before `body` starts, this waits
    /// until the worker has recorded at least `subscriptions` topics for its queue, so that events
    /// published in `body` reach it.
    public func withRunningWorker<T: Sendable>(
        also services: [any Service] = [],
        subscriptions: Int = 1,
        _ body: @Sendable () async throws -> T
    ) async throws -> T {
        let queue = runtime.worker.configuration.queue
        return try await withRunning([runtime.doorbell, runtime.wakeups, runtime.worker] + services) {
            try await waitUntil("the \(queue) worker's subscriptions") {
                try await count("SELECT count(*) FROM queue.subscriptions WHERE queue = \(queue)") >= subscriptions
            }
            return try await body()
        }
    }

    /// Waits until `queue` (by default the runtime's) has nothing due or running: no job `available`,
    /// `running` or `retryable`. Jobs `scheduled` for later stay, unless `includingScheduled`.
    public func waitUntilDrained(
        _ queue: String? = nil,
        includingScheduled: Bool = false,
        timeout: Duration = .seconds(30)
    ) async throws {
        let queue = queue ?? runtime.worker.configuration.queue
        try await waitUntil("the \(queue) queue to drain", timeout: timeout) {
            try await count(
                """
                SELECT count(*) FROM queue.jobs
                WHERE queue = \(queue) AND (state <> 'scheduled' OR \(includingScheduled))
                """
            ) == 0
        }
    }
}
