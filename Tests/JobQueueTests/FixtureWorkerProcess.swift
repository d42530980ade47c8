import Foundation
import LinliTestSupport
import Processes

/// A `QueueFixtureWorker` process, so tests can kill a worker for real.
struct FixtureWorkerProcess {
    let child: ChildProcess
    let logPath: String

    /// The fixture's binary, built next to the test bundle by `swift build --build-tests`.
    static var executable: String {
        get throws { try BuiltProducts.path("QueueFixtureWorker") }
    }

    /// Starts a worker for `queue` on a database.
    static func start(
        connectionString: String,
        queue: String,
        leaseSeconds: Double = 30,
        concurrency: Int = 8,
        pollMilliseconds: Int = 1000
    ) throws -> FixtureWorkerProcess {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("fixture-worker-\(UUID().uuidString).log").path
        let child = try ChildProcess.spawn(
            try executable,
            [],
            environment: [
                "LINLI_DATABASE_URL": connectionString, "FIXTURE_QUEUE": queue, "FIXTURE_LEASE_SECONDS": "\(leaseSeconds)",
                "FIXTURE_CONCURRENCY": "\(concurrency)", "FIXTURE_POLL_MS": "\(pollMilliseconds)",
            ],
            outputPath: log
        )
        return FixtureWorkerProcess(child: child, logPath: log)
    }

    /// Asks the worker to stop gracefully and waits for it.
    @discardableResult
    func stop() async -> Int32 {
        child.send(SIGTERM)
        return await child.wait()
    }

    /// Kills the worker at once, as a crash or an OOM kill would.
    func kill() async {
        child.send(SIGKILL)
        _ = await child.wait()
    }
}
