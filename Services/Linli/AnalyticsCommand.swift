import AnalyticsService
import ArgumentParser
import Foundation
import Logging
import Postgres

/// `linli analytics …`: operations on the analytics schema.
struct AnalyticsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analytics",
        abstract: "Operate the analytics service's data.",
        subcommands: [Rebuild.self]
    )

    /// `linli analytics rebuild`: recomputes every rollup from the facts and the gauges from the projections.
    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild the rollups from the facts (in one transaction; ingestion waits meanwhile)."
        )

        @Option(name: .customLong("database-url"), help: "libpq connection string (or LINLI_DATABASE_URL).")
        var databaseURL: String?

        @Option(help: "The zone buckets are cut in (LINLI_ANALYTICS_TIME_ZONE).")
        var timeZone: String?

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            guard let url = databaseURL ?? environment["LINLI_DATABASE_URL"] else {
                throw ValidationError("give --database-url or set LINLI_DATABASE_URL")
            }
            var settings = environment
            if let timeZone { settings["LINLI_ANALYTICS_TIME_ZONE"] = timeZone }
            let configuration = try AnalyticsConfiguration(environment: settings)
            var logger = Logger(label: "linli.analytics")
            logger.logLevel = .warning
            let pool = PostgresPool(
                configuration: .init(connection: .init(connectionString: url, applicationName: "linli-analytics-rebuild"), maxConnections: 1),
                logger: logger
            )
            let started = ContinuousClock.now
            let console = Console()
            console.line("rebuilding the rollups from the facts (ingestion waits meanwhile)")
            do {
                try await AnalyticsService.rebuild(pool: pool, configuration: configuration)
            } catch {
                await pool.shutdown()
                throw error
            }
            let rows = try await pool.query("SELECT count(*) FROM analytics.rollups").scalar(Int.self) ?? 0
            await pool.shutdown()
            console.line("rebuilt \(rows) rollup rows in \(ContinuousClock.now - started)")
        }
    }
}
