import ArgumentParser
import Foundation
import Logging
import Postgres
import Processes
import RegistryService
import ServiceKit

/// `linli-bench registry`: get-by-id and list-by-compound at 1,000 requests/s with 100,000 residents, and memory.
struct RegistryBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "The registry under load: 100,000 residents, p99 at 1,000 requests/s, resident memory."
    )

    @OptionGroup var options: BenchOptions
    @Option(help: "Residents to load.") var residents = 100_000
    @Option(help: "Requests per second offered.") var rate = 1_000
    @Option(help: "Seconds per load run.") var seconds = 20

    func run() async throws {
        let connectionString = try options.connectionString
        let started = try await RegistryProcess.start(connectionString: connectionString, log: "/tmp/linli-bench-registry.log")
        let registry = started.process
        defer { registry.send(SIGKILL) }
        let base = started.baseURL
        let pool = PostgresPool(
            configuration: .init(connection: .init(connectionString: connectionString), maxConnections: 2),
            logger: Logger(label: "bench")
        )
        let loadStarted = ContinuousClock.now
        let city = try await RegistryBenchData.load(residents: residents, pool: pool)
        let loadSeconds = (ContinuousClock.now - loadStarted).seconds
        // Signed with the key the registry made at start, as `linli token` does.
        let issuer = try await SigningKeyStore(pool: pool).issuer()
        await pool.shutdown()
        let token = try await issuer.mint(Principal(subject: "bench", role: .admin))
        _ = try await HTTPLoad.hey(url: "\(base)/v1/residents/\(city.sampleResident)", token: token, rate: 200, seconds: 2)  // warm-up
        try await Task.sleep(for: .seconds(2))
        let idle = HTTPLoad.residentMemory(of: registry.pid)
        let peak = RSSSampler(pid: registry.pid)
        let getByID = try await peak.during {
            try await HTTPLoad.hey(url: "\(base)/v1/residents/\(city.sampleResident)", token: token, rate: rate, seconds: seconds)
        }
        let list = try await peak.during {
            try await HTTPLoad.hey(url: "\(base)/v1/residents?compoundID=\(city.sampleCompound)&limit=50", token: token, rate: rate, seconds: seconds)
        }
        registry.send(SIGTERM)
        _ = await registry.wait()

        var report = BenchReport(
            name: "registry",
            title: "Registry under load (\(formatRate(Double(residents))) residents, release build)",
            header: ["measurement", "result", "target"]
        )
        for (name, result) in [("GET /v1/residents/{id}", getByID), ("GET /v1/residents?compoundID=…&limit=50", list)] {
            report.rows.append([
                "\(name) at \(formatRate(Double(rate))) requests/s offered for \(seconds) s",
                String(
                    format: "%.0f requests/s served, p50 %.2f ms, p99 %.2f ms, %d × 200, %d other",
                    result.requestsPerSecond,
                    result.p50Milliseconds,
                    result.p99Milliseconds,
                    result.okResponses,
                    result.otherResponses
                ),
                "p99 ≤ 20 ms at 1,000 requests/s",
            ])
        }
        report.rows.append(["resident memory (RSS), idle after warm-up", String(format: "%.1f MiB", idle), "≤ 60 MB"])
        report.rows.append(["resident memory (RSS), peak under load", String(format: "%.1f MiB", peak.peak), "—"])
        report.notes.append(
            "Load from `hey` (\(20) workers at a fixed rate) on the same 2-core machine as the service and PostgreSQL; the list is the first page of 50 of a compound of ~\(residents / 100) residents; every request carries an admin bearer token that is verified. Loading the residents with COPY took \(String(format: "%.1f", loadSeconds)) s."
        )
        report.notes.append(machineLine())
        report.json = [
            "get_p99_ms": getByID.p99Milliseconds, "get_rps": getByID.requestsPerSecond, "list_p99_ms": list.p99Milliseconds,
            "list_rps": list.requestsPerSecond, "rss_idle_mib": idle, "rss_peak_mib": peak.peak,
        ]
        try report.publish(to: options.write)
    }
}

/// Samples a process's memory every 100 ms while some work runs, keeping the peak.
final class RSSSampler: @unchecked Sendable {
    let pid: pid_t
    private(set) var peak: Double = 0

    init(pid: pid_t) { self.pid = pid }

    func during<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        let pid = self.pid
        let sampler = Task { () -> Double in
            var highest = 0.0
            while !Task.isCancelled {
                highest = max(highest, HTTPLoad.residentMemory(of: pid))
                try? await Task.sleep(for: .milliseconds(100))
            }
            return highest
        }
        let value = try await work()
        sampler.cancel()
        peak = max(peak, await sampler.value)
        return value
    }
}
