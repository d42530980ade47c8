import ArgumentParser
import ConcernsService
import Foundation
import JobQueue
import Logging
import Models
import Postgres
import ServiceKit

/// `linli-bench concerns`: list and search latency over the HTTP API with 200,000 concerns loaded,
/// and the time the escalation job takes over them.
struct ConcernsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "concerns",
        abstract: "The concerns service: list and search p99 with many concerns loaded; the escalation job's run time."
    )

    @OptionGroup var options: BenchOptions
    @Option(help: "Concerns to load.") var concerns = 200_000
    @Option(help: "Compounds they are spread over.") var compounds = 1_000
    @Option(help: "Districts the compounds are spread over.") var districts = 10
    @Option(help: "Timed requests per measurement.") var samples = 300

    func run() async throws {
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        let port = try HTTPLoad.freePort()
        let issuer = try await TokenIssuer.generate(kid: "bench")
        let configuration = try ServiceConfiguration(
            serviceName: "concerns",
            defaultPort: port,
            environment: [
                "LINLI_DATABASE_URL": try options.connectionString, "LINLI_AUTH_PUBLIC_KEYS": issuer.publicKeyEntry,
                "LINLI_LOG_LEVEL": "warning", "LINLI_DATABASE_POOL_SIZE": "4",
            ]
        )
        let runtime = try await LinliRuntime(
            configuration: configuration,
            migrations: [try ConcernsService.migrations()],
            openAPI: try ConcernsService.openAPIDocument(),
            logger: logger
        )
        try await runtime.migrate()
        let data = ConcernsBenchData(compounds: compounds, districts: districts, concerns: concerns)
        let loadStarted = ContinuousClock.now
        try await runtime.pool.withConnection { try data.load(on: $0) }
        let loadSeconds = (ContinuousClock.now - loadStarted).components.seconds
        // Escalation runs only when the benchmark calls it: the periodic schedule is once a year.
        let settings = ConcernsConfiguration(escalationSchedule: try CronSchedule("0 0 1 1 *"))
        let service = ConcernsService(runtime: runtime, configuration: settings)
        let router = runtime.makeRouter()
        service.addRoutes(to: router)
        let server = Task { try await runtime.run(router: router) }
        defer { server.cancel() }
        let client = ConcernsBenchClient(port: port)
        try await client.waitUntilUp()

        var report = BenchReport(
            name: "concerns",
            title: "Concerns: list and search over \(formatRate(Double(concerns))) concerns, escalation",
            header: ["measurement", "p50 ms", "p99 ms", "max ms", "target"]
        )
        var json: [String: Double] = [:]
        for scenario in try await ConcernsBenchScenarios(data: data, tokens: issuer).all() {
            let summary = try await client.measure(samples: samples, scenario.request)
            report.rows.append([scenario.name, format(summary.p50), format(summary.p99), format(summary.max), scenario.target])
            json[scenario.key + "_p50_ms"] = summary.p50
            json[scenario.key + "_p99_ms"] = summary.p99
        }
        let (escalation, second, overdue) = try await escalate(service: service, runtime: runtime)
        report.rows.append([
            "escalation job, first run: \(formatRate(Double(escalation.report.concerns))) overdue concerns → action.overdue (2 subscribers)",
            "", "", format(escalation.milliseconds), "time to run the job",
        ])
        report.rows.append(["escalation job, run again at once (nothing due)", "", "", format(second), "time to run the job"])
        json["escalation_first_ms"] = escalation.milliseconds
        json["escalation_second_ms"] = second
        json["escalation_concerns"] = Double(escalation.report.concerns)
        report.notes.append(
            "\(formatRate(Double(concerns))) concerns over \(compounds) compounds in \(districts) districts (~\(concerns / compounds) per compound, ~\(concerns / districts) per district), raised over two years, about 1 in 4 unsettled and \(formatRate(Double(overdue))) overdue; titles like 3栋电梯故障 from 14 places × 36 problems; loaded with COPY in \(loadSeconds) s, then VACUUM ANALYZE and `pg_prewarm` (a serving database has its working set in memory)."
        )
        report.notes.append(
            "Each request goes through the real HTTP server on loopback (JWT check, scope, SQL, JSON) from async-http-client, one at a time, \(samples) timed after 20 warm-ups, with random compounds, districts, cursors and words; the `GET /healthz` row is the floor of server + client overhead. Pages of 50."
        )
        report.notes.append(
            "Escalation: \(escalation.report.batches) transactions of up to \(settings.escalationBatch) rows; each overdue concern gets its escalation count raised and one `action.overdue` published in the same transaction (one INSERT for the whole batch, fanned out to the subscribed queues)."
        )
        report.json = json
        try report.publish(to: options.write)
    }

    private func escalate(
        service: ConcernsService,
        runtime: LinliRuntime
    ) async throws -> (
        (report: EscalationReport, milliseconds: Double), Double, Int
    ) {
        try await runtime.jobs.subscribe(queue: "notifications", to: [ActionOverdue.topic])
        try await runtime.jobs.subscribe(queue: "analytics", to: [ActionOverdue.topic])
        let overdue = try await runtime.pool.query("SELECT count(*) FROM concerns.concerns WHERE next_escalation_at <= now()").scalar(Int.self) ?? 0
        try await runtime.pool.withConnection { try $0.executeScript("CHECKPOINT") }
        let started = ContinuousClock.now
        let report = try await service.escalateOverdue()
        let first = milliseconds(ContinuousClock.now - started)
        let again = ContinuousClock.now
        _ = try await service.escalateOverdue()
        return ((report, first), milliseconds(ContinuousClock.now - again), overdue)
    }

    private func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
    }

    private func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
