import LinliTestSupport
import ServiceLifecycle
import ServiceTestSupport

/// Runs services (a runtime's doorbell, listener and worker) while `body` runs, then stops them.
/// (`waitUntil` comes from the shared harness, with `withRunning`.)
enum QueueRunner {
    static func run(_ services: [any Service], _ body: @Sendable () async throws -> Void) async throws {
        try await withRunning(services, body)
    }
}
