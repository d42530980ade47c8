import AnalyticsCity
import AnalyticsService
import ArgumentParser
import Foundation
import JobQueue
import Logging
import Postgres
import ServiceKit

/// `linli-bench analytics`: a city-scale dataset loaded with COPY, then dashboard endpoint latencies
/// over real HTTP (warm, and cold after a PostgreSQL restart) and the event ingest rate.
struct AnalyticsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analytics",
        abstract: "Analytics at city scale: load time, dashboard endpoint p50/p99 warm and cold, ingest rate."
    )

    @OptionGroup var options: BenchOptions
    @Option(help: "Compounds.") var compounds = 1_075
    @Option(help: "Households.") var households = 400_000
    @Option(help: "Residents.") var residents = 1_000_000
    @Option(help: "Attendance facts loaded with COPY.") var attendances = 10_000_000
    @Option(help: "Requests per endpoint for the warm figures.") var requests = 200
    @Option(help: "PostgreSQL restarts for the cold figures (needs LINLI_BENCH_PGDATA from scripts/bench).") var coldRounds = 3
    @Option(help: "Attendance events published and consumed for the ingest rate.") var ingestEvents = 100_000
    @Option(help: "Handlers the worker runs at once (the service's default is 16).") var concurrency = 16
    @Option(help: "The service's pool size (the default is 10).") var poolSize = 10
    @Flag(help: "Skip loading when the database already holds the city (for profiling; the load figures are then not measured).")
    var reuseLoadedCity = false

    func run() async throws {
        let connectionString = try options.connectionString
        var logger = Logger(label: "bench.analytics")
        logger.logLevel = .warning
        let pool = PostgresPool(
            configuration: .init(connection: .init(connectionString: connectionString, applicationName: "linli-bench"), maxConnections: 4),
            logger: logger
        )
        let migrator = Migrator(pool: pool, logger: logger)
        try await migrator.apply(try QueueSchema.migrations())
        try await migrator.apply(try AnalyticsService.migrations())
        let scale = CityScale(
            districts: 9,
            compounds: compounds,
            households: households,
            residents: residents,
            months: 12,
            attendances: attendances
        )
        let loadStarted = ContinuousClock.now
        var load = CityLoader.Report()
        if reuseLoadedCity, try await pool.query("SELECT count(*) FROM analytics.facts").scalar(Int.self) ?? 0 >= attendances {
            load.activities = CityLoader.activities(scale)
            print("load: reusing the city already loaded")
        } else {
            load = try await CityLoader.load(scale, pool: pool) { print("load: \($0)") }
        }
        let loadSeconds = (ContinuousClock.now - loadStarted).benchSeconds
        let sizes = try await pool.query(
            """
            SELECT (SELECT count(*) FROM analytics.rollups), pg_size_pretty(pg_total_relation_size('analytics.facts')),
                pg_size_pretty(pg_total_relation_size('analytics.rollups'))
            """
        )
        let rollupRows = try sizes[0].decode(0, as: Int.self)
        let factsSize = try sizes[0].decode(1, as: String.self)
        let rollupsSize = try sizes[0].decode(2, as: String.self)

        let service = try await BenchService.start(
            connectionString: connectionString,
            concurrency: concurrency,
            poolSize: poolSize,
            logger: logger
        )
        let month = String(Buckets(timeZone: TimeZone(identifier: "Asia/Shanghai")!).label(Date().addingTimeInterval(-32 * 86_400)).prefix(7))
        let endpoints: [(String, String)] = [
            ("overview (12 headline figures, this month and last)", "/v1/overview?month=\(month)"),
            ("attendances by compound, 12 months", "/v1/metrics/attendances?groupBy=compound"),
            ("attendances by theme, 12 months", "/v1/metrics/attendances?groupBy=theme"),
            ("attendances by channel, 12 months", "/v1/metrics/attendances?groupBy=channel"),
            ("household coverage by compound, 12 months", "/v1/metrics/household-coverage?groupBy=compound"),
            ("unique residents by day, 30 days, CSV", "/v1/metrics/unique-residents.csv?interval=day"),
            ("the dashboard page (HTML, SVG)", "/dashboard?month=\(month)"),
        ]
        var report = BenchReport(
            name: "analytics",
            title: "Analytics at city scale (\(formatRate(Double(compounds))) compounds, \(formatRate(Double(households))) households, "
                + "\(formatRate(Double(residents))) residents, \(formatRate(Double(attendances))) attendance facts)",
            header: ["measurement", "p50", "p99", "cold (first request after a PostgreSQL restart)", "target"]
        )
        var json: [String: any Sendable] = ["load_seconds": loadSeconds, "rollup_rows": rollupRows]
        let warm = try await service.measureWarm(endpoints.map(\.1), requests: requests)
        let cold = try await service.measureCold(endpoints.map(\.1), rounds: coldRounds)
        for (index, endpoint) in endpoints.enumerated() {
            let (p50, p99) = warm[index]
            let coldText = cold.isEmpty ? "not measured" : cold[index].map { String(format: "%.1f", $0) }.joined(separator: ", ") + " ms"
            report.rows.append([endpoint.0, String(format: "%.1f ms", p50), String(format: "%.1f ms", p99), coldText, "p99 ≤ 50 ms warm"])
            json["warm_p50_ms_\(index)"] = p50
            json["warm_p99_ms_\(index)"] = p99
        }
        let ingest = try await service.measureIngest(events: ingestEvents, activities: load.activities, scale: scale, pool: pool)
        json["ingest_events_per_s"] = ingest
        report.rows.append([
            "ingest: \(formatRate(Double(ingestEvents))) attendance events published and consumed into facts and rollups",
            "\(formatRate(ingest)) events/s", "", "", "≥ 5,000 events/s",
        ])
        await service.stop()
        report.notes.append(
            "Loading (COPY, index builds, rollup rebuild, VACUUM ANALYZE) took \(String(format: "%.0f", loadSeconds)) s: "
                + load.steps.map { "\($0.name) \(String(format: "%.0f", $0.seconds)) s" }.joined(separator: "; ")
                + ". Facts \(factsSize) on disk, rollups \(formatRate(Double(rollupRows))) rows (\(rollupsSize))."
        )
        report.notes.append(
            "Latencies are measured over real HTTP on loopback against the running service (linli-analytics' runtime, a dashboard token), "
                + "\(requests) sequential requests per endpoint after 10 warm-up requests. Cold: the first request after `pg_ctl restart` "
                + "(empty shared buffers, new connections; the OS page cache stays warm), once per round."
        )
        report.notes.append(
            "Ingest: the service's worker (concurrency \(concurrency), pool \(poolSize)) consumes attendances in batches of up to 200, "
                + "two batches at a time, each in one transaction (synchronous_commit off, see docs/analytics.md): the queue's "
                + "de-duplication, the facts, the first-in-period checks under advisory locks, the batch's rollup deltas summed per row "
                + "and the jobs' completion. The producer publishes in transactions of 1,000 in the same process, on the same 2 cores. "
                + "The events are drawn at random from the year's activities (no two of a batch likely to share a rollup row: the "
                + "worst case). Before it starts: `pg_prewarm` of the rollups, the probed indexes and the residents (the cold rounds "
                + "empty shared buffers; a serving database has its working set in memory) and a CHECKPOINT. "
                + "The server: shared_buffers 2 GB, max_wal_size 8 GB, checkpoint_timeout 15 min (as deploy/k8s sizes it)."
        )
        report.notes.append(machineLine())
        report.json = json
        await pool.shutdown()
        try report.publish(to: options.write)
    }
}
