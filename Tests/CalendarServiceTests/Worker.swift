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

}
