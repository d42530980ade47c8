import AnalyticsService
import Foundation
import Logging
import Processes
import ServiceKit

/// The analytics service running in this process on a loopback port, and an HTTP client for it.
struct BenchService: Sendable {
    let runtime: LinliRuntime
    let task: Task<Void, any Error>
    let base: String
    let token: String

    static func start(connectionString: String, concurrency: Int, poolSize: Int, logger: Logger) async throws -> BenchService {
        let port = 30_000 + Int(getpid()) % 20_000
        let issuer = try await TokenIssuer.generate(kid: "bench")
        let environment = [
            "LINLI_DATABASE_URL": connectionString, "LINLI_AUTH_PUBLIC_KEYS": issuer.publicKeyEntry, "LINLI_HTTP_PORT": "\(port)",
            "LINLI_METRICS_PORT": "0",
            "LINLI_LOG_LEVEL": "warning", "LINLI_DATABASE_POOL_SIZE": "\(poolSize)", "LINLI_WORKER_CONCURRENCY": "\(concurrency)",
        ]
        let configuration = try ServiceConfiguration(serviceName: "analytics", defaultPort: 8084, environment: environment)
        let runtime = try await LinliRuntime(
            configuration: configuration,
            migrations: [try AnalyticsService.migrations()],
            openAPI: try AnalyticsService.openAPIDocument(),
            logger: logger
        )
        let service = AnalyticsService(runtime: runtime, configuration: AnalyticsConfiguration())
        service.registerJobs(on: runtime.worker, scheduleSnapshots: false)
        let router = runtime.makeRouter()
        service.addRoutes(to: router)
        let task = Task { try await runtime.run(router: router) }
        let token = try await issuer.mint(Principal(subject: "system:bench", role: .dashboard))
        let bench = BenchService(runtime: runtime, task: task, base: "http://127.0.0.1:\(port)", token: token)
        try await BenchHTTP(service: "analytics", baseURL: bench.base).waitUntilReady(timeout: .seconds(10))
        return bench
    }

    /// GETs a path and returns the milliseconds it took; throws unless the answer is 200.
    @discardableResult
    func get(_ path: String) async throws -> Double {
        try await BenchHTTP(service: "analytics", baseURL: base, token: token).time(path)
    }

    /// p50 and p99 of sequential requests to each path, after ten warm-up requests.
    func measureWarm(_ paths: [String], requests: Int) async throws -> [(Double, Double)] {
        var results: [(Double, Double)] = []
        for path in paths {
            for _ in 0..<10 { try await get(path) }
            var samples: [Double] = []
            for _ in 0..<requests { samples.append(try await get(path)) }
            samples.sort()
            results.append((percentile(samples, 0.5), percentile(samples, 0.99)))
        }
        return results
    }

    /// The first request to each path after each PostgreSQL restart, per path.
    func measureCold(_ paths: [String], rounds: Int) async throws -> [[Double]] {
        let environment = ProcessInfo.processInfo.environment
        guard let data = environment["LINLI_BENCH_PGDATA"], let bin = environment["LINLI_BENCH_PGBIN"] else { return [] }
        var results = Array(repeating: [Double](), count: paths.count)
        for _ in 0..<rounds {
            for (index, path) in paths.enumerated() {
                let pgCtl = ["\(bin)/pg_ctl", "-D", data, "restart", "-m", "fast", "-w"]
                let command = environment["LINLI_BENCH_RUN_AS"].map { ["/usr/sbin/runuser", "-u", $0, "--"] + pgCtl } ?? pgCtl
                let (status, output) = try await ChildProcess.run(command[0], Array(command.dropFirst()))
                guard status == 0 else { throw BenchError("pg_ctl restart failed: \(output.suffix(300))") }
                // Let the pool replace the connections the restart cut (readiness touches no analytics table).
                for _ in 0..<(runtime.configuration.database.poolSize * 2 + 2) { _ = try? await get("/readyz") }
                results[index].append(try await get(path))
            }
        }
        return results
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
    }
}

extension Duration {
    /// The duration in seconds.
    var benchSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
