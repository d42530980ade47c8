import Foundation
import Processes

/// The registry executable as the registry and sign-in benchmarks run it: next to this one, on a free
/// loopback port, with a fixed data key, metrics on a random port, and `extra` settings on top.
struct RegistryProcess {
    let process: ChildProcess
    let baseURL: String

    static func start(connectionString: String, extra: [String: String] = [:], log: String) async throws -> RegistryProcess {
        let port = try HTTPLoad.freePort()
        let binary = URL(fileURLWithPath: try selfExecutable()).deletingLastPathComponent().appendingPathComponent("linli-registry").path
        let process = try ChildProcess.spawn(
            binary,
            [],
            environment: [
                "LINLI_DATABASE_URL": connectionString, "LINLI_HTTP_PORT": String(port), "LINLI_METRICS_PORT": "0",
                "LINLI_REGISTRY_DATA_KEY": Data(repeating: 3, count: 32).base64EncodedString(), "LINLI_LOG_LEVEL": "warning",
            ].merging(extra) { $1 },
            outputPath: log
        )
        let baseURL = "http://127.0.0.1:\(port)"
        do {
            try await BenchHTTP(service: "registry", baseURL: baseURL).waitUntilReady("/readyz")
        } catch {
            process.send(SIGKILL)
            throw error
        }
        return RegistryProcess(process: process, baseURL: baseURL)
    }
}
