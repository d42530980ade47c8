import CalendarService
import Foundation
import JobQueue
import LinliTestSupport
import ServiceKit
import ServiceTestSupport

extension CalendarTestEnvironment {
    /// Runs the calendar's worker (with the doorbell and listener) while `body` runs, then shuts it down.
    func running<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        service.registerJobs(on: runtime.worker)
        // The calendar subscribes to the registry's seven topics and the council meetings'.
        return try await environment.withRunningWorker(subscriptions: 8, body)
    }

    /// Waits until `condition` holds, failing after `timeout`.
    func waitUntil(_ what: String, timeout: Duration = .seconds(30), _ condition: @Sendable () async throws -> Bool) async throws {
        try await LinliTestSupport.waitUntil(what, timeout: timeout, condition)
    }

    /// Waits until the calendar queue has no unfinished jobs (jobs scheduled for later stay).
    func drained() async throws {
        try await environment.waitUntilDrained()
    }
}
