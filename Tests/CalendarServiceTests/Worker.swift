import CalendarService
import Foundation
import JobQueue
import Logging
import Postgres
import ServiceKit
import ServiceLifecycle

extension CalendarTestEnvironment {
    /// Runs the calendar's worker (with the doorbell and listener) while `body` runs, then shuts it down.
    func running<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        service.registerJobs(on: runtime.worker)
        let services: [any Service] = [runtime.doorbell, runtime.wakeups, runtime.worker]
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
                gracefulShutdownSignals: [],
                logger: runtime.logger
            )
        )
        let running = Task { try await group.run() }
        do {
            try await waitUntil("the worker's subscriptions") {
                try await count("SELECT count(*) FROM queue.subscriptions WHERE queue = 'calendar'") >= 8
            }
            let value = try await body()
            await group.triggerGracefulShutdown()
            try await running.value
            return value
        } catch {
            await group.triggerGracefulShutdown()
            _ = try? await running.value
            throw error
        }
    }

    /// Waits until `condition` holds, failing after `timeout`.
    func waitUntil(_ what: String, timeout: Duration = .seconds(30), _ condition: @Sendable () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestFailure("timed out waiting for \(what)")
    }

    /// Waits until the calendar queue has no unfinished jobs.
    func drained() async throws {
        try await waitUntil("the calendar queue to drain") {
            try await count("SELECT count(*) FROM queue.jobs WHERE queue = 'calendar' AND state <> 'scheduled'") == 0
        }
    }
}
