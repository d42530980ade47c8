import LinliTestSupport

/// Polling for asynchronous effects (events travelling through the queue between processes).
enum Waiting {
    /// Checks `condition` every 200 ms until it holds; fails after `timeout` naming what was awaited.
    static func until(
        timeout: Duration = .seconds(60),
        _ what: String,
        _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        var lastError: (any Error)?
        while ContinuousClock.now < deadline {
            do {
                if try await condition() { return }
            } catch {
                lastError = error  // e.g. a service being restarted; keep waiting
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        let detail = lastError.map { " (last error: \($0))" } ?? ""
        throw TestSupportError("timed out after \(timeout) waiting for \(what)\(detail)")
    }

    /// Polls `produce` until it returns a value, which it returns.
    static func value<T>(
        timeout: Duration = .seconds(60),
        _ what: String,
        _ produce: () async throws -> T?
    ) async throws -> T {
        var found: T?
        try await until(timeout: timeout, what) {
            found = try await produce()
            return found != nil
        }
        return found!
    }
}
