import AsyncHTTPClient
import Foundation
import LinliHTTPClient
import LinliTestSupport
import Processes
import Synchronization

/// One real Linli executable (`linli-registry`, …) running as a child process on a loopback port,
/// which a test can SIGKILL and start again with the same settings.
final class ServiceProcess: Sendable {
    /// The service's name: registry, calendar, notifications, analytics or concerns.
    let name: String
    /// The port it listens on (kept across restarts).
    let port: Int
    /// Its environment on top of the test process's.
    let environment: [String: String]
    /// Where its output goes (appended to across restarts).
    let logPath: String
    private let child: Mutex<ChildProcess?>
    /// Asks `/readyz`, each time with a short deadline and no retry (the polling is the retry).
    private let probe: ServiceClient

    /// The base URL of its HTTP API.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    init(name: String, port: Int, environment: [String: String], logPath: String, http: HTTPClient) {
        self.name = name
        self.port = port
        self.environment = environment
        self.logPath = logPath
        self.child = Mutex(nil)
        self.probe = ServiceClient(
            service: name,
            baseURL: "http://127.0.0.1:\(port)",
            http: http,
            configuration: ServiceClient.Configuration(deadline: .seconds(2), retry: .never)
        )
    }

    /// Starts the executable and waits until `/readyz` answers 200.
    func start() async throws {
        let spawned = try ChildProcess.spawn(try BuiltProducts.path("linli-\(name)"), [], environment: environment, outputPath: logPath)
        child.withLock { $0 = spawned }
        try await waitUntilReady()
    }

    /// Kills the process at once (SIGKILL), as an OOM kill or a lost node would, and reaps it.
    func kill() async {
        guard let running = child.withLock({ $0 }) else { return }
        running.send(SIGKILL)
        _ = await running.wait()
        child.withLock { $0 = nil }
    }

    /// Asks the process to stop (SIGTERM) and waits for it.
    func stop() async {
        guard let running = child.withLock({ $0 }) else { return }
        running.send(SIGTERM)
        _ = await running.wait()
        child.withLock { $0 = nil }
    }

    /// Polls `/readyz` for up to two minutes (the machine may be busy building or testing).
    func waitUntilReady() async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            if let response = try? await probe.call("GET", "/readyz"), response.status == 200 { return }
            if let running = child.withLock({ $0 }), !running.isRunning {
                throw TestSupportError("linli-\(name) exited during start-up; its log: \(logTail())")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw TestSupportError("linli-\(name) was not ready on \(baseURL) within 120 s; its log: \(logTail())")
    }

    /// The end of the service's log, for failure messages.
    func logTail(_ characters: Int = 2_000) -> String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return String(text.suffix(characters))
    }
}
