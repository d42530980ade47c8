import Foundation
import Logging
import ServiceLifecycle

/// The failure the suites' harnesses throw (`throw TestFailure("…")`): the one failure type of the tests.
public typealias TestFailure = TestSupportError

/// Runs `services` in one service group while `body` runs, then shuts them down gracefully and
/// returns what `body` returned.
///
/// The group runs in a child task of a task group, so it never outlives the call: when `body` throws,
/// the group is shut down and awaited before the error is rethrown. A service that fails while `body`
/// runs makes the call throw once `body` is done.
/// - Parameters:
///   - services: what to run, e.g. a doorbell, a listener and a worker.
///   - logger: the group's logger (by default one at `LINLI_TEST_LOG`'s level, or `error`).
public func withRunning<T: Sendable>(
    _ services: [any Service],
    logger: Logger = testLogger("test.services"),
    _ body: @Sendable () async throws -> T
) async throws -> T {
    let group = ServiceGroup(
        configuration: .init(services: services.map { .init(service: $0) }, gracefulShutdownSignals: [], logger: logger)
    )
    return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { tasks in
        tasks.addTask { try await group.run() }
        let value: T
        do {
            value = try await body()
        } catch {
            await group.triggerGracefulShutdown()
            _ = try? await tasks.next()
            throw error
        }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
        return value
    }
}

/// Polls `condition` until it holds, failing with ``TestFailure`` naming `what` after `timeout`.
///
/// The timeout guards against a hang; it is not a timing assertion (a busy two-core machine needs slack).
public func waitUntil(
    _ what: String = "a condition",
    timeout: Duration = .seconds(30),
    poll: Duration = .milliseconds(20),
    _ condition: @Sendable () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try await condition() { return }
        guard ContinuousClock.now < deadline else { throw TestFailure("timed out after \(timeout) waiting for \(what)") }
        try await Task.sleep(for: poll)
    }
}

/// A logger for test harnesses: `LINLI_TEST_LOG`'s level (e.g. `debug`), or `error`.
public func testLogger(_ label: String) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = ProcessInfo.processInfo.environment["LINLI_TEST_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .error
    return logger
}
