import AnalyticsService
import ArgumentParser
import CalendarService
import ConcernsService
import Foundation
import JobQueue
import Logging
import NotificationsService
import Postgres
import RegistryService
import ServiceKit

/// `linli migrate`: applies every schema's migrations, as the owner role, before the services start.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the migrations of the queue and every service (run as the schema owner).",
        discussion: """
            Each migration runs once, in order, under an advisory lock, so running this from several places at
            once is safe. Services also check at start-up and apply what is pending when their role may.
            """
    )

    @Option(name: .customLong("database-url"), help: "libpq connection string of the owner role (or LINLI_DATABASE_URL).")
    var databaseURL: String?

    /// Every schema Linli owns, the queue and the shared auth first.
    static func migrationSets() throws -> [MigrationSet] {
        [
            try QueueSchema.migrations(), try AuthSchema.migrations(), try LimitsSchema.migrations(), try RegistryService.migrations(),
            try CalendarService.migrations(),
            try NotificationsService.migrations(), try AnalyticsService.migrations(), try ConcernsService.migrations(),
        ]
    }

    func run() async throws {
        guard let url = databaseURL ?? ProcessInfo.processInfo.environment["LINLI_DATABASE_URL"] else {
            throw ValidationError("give --database-url or set LINLI_DATABASE_URL")
        }
        var logger = Logger(label: "linli-migrate")
        logger.logLevel = .warning
        let pool = PostgresPool(
            configuration: .init(connection: .init(connectionString: url, applicationName: "linli-migrate"), maxConnections: 1),
            logger: logger
        )
        let console = Console()
        do {
            let migrator = Migrator(pool: pool, logger: logger)
            let sets = try Self.migrationSets()
            for (index, set) in sets.enumerated() {
                let applied = try await migrator.apply(set)
                let outcome = applied.isEmpty ? "up to date" : "applied \(applied.map(String.init).joined(separator: ", "))"
                console.line("[\(index + 1)/\(sets.count)] \(set.schema): \(outcome)")
            }
        } catch {
            await pool.shutdown()
            throw error
        }
        await pool.shutdown()
    }
}
