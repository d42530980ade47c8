import ArgumentParser
import Foundation
import JobQueue
import Logging
import NotificationsService
import Postgres
import ServiceKit
import ServiceLifecycle

/// `linli-bench notifications`: an activity published to a compound of 3,000 households, a city-wide
/// notice to every compound group, and a burst to one robot against its 20-per-minute limit.
struct NotificationsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notifications",
        abstract: "Notifications: inbox fan-out, a city-wide robot notice, and one robot's rate limit."
    )

    @OptionGroup var options: BenchOptions
    @Option(help: "Households in the compound the activity is published to.") var households = 3_000
    @Option(help: "Compound groups (each with its own robot) the notice goes to.") var compounds = 1_075
    @Option(help: "Activities published, one after another.") var rounds = 3
    @Option(help: "Messages sent at once to one robot.") var burst = 45

    func run() async throws {
        let connectionString = try options.connectionString
        let environment = [
            "LINLI_DATABASE_URL": connectionString, "LINLI_HTTP_PORT": "0",
            "LINLI_LOG_LEVEL": "warning", "LINLI_NOTIFICATIONS_QUIET_HOURS": "off",
        ]
        let runtime = try await LinliRuntime(
            configuration: try ServiceConfiguration(serviceName: "notifications", defaultPort: 0, environment: environment),
            migrations: [try NotificationsService.migrations()],
            openAPI: "",
            logger: Logger(label: "bench.notifications")
        )
        try await runtime.migrate()
        let configuration = try NotificationsConfiguration(environment: environment)
        let service = NotificationsService(runtime: runtime, configuration: configuration)
        service.registerJobs(on: runtime.worker)
        let robot = try await BenchRobot.start()
        let context = NotificationsBenchContext(runtime: runtime, service: service, robot: robot, households: households, compounds: compounds)
        try await context.seed()
        var logger = Logger(label: "bench.group")
        logger.logLevel = .warning
        let group = ServiceGroup(services: [runtime.doorbell, runtime.wakeups, runtime.worker], gracefulShutdownSignals: [], logger: logger)
        let running = Task { try await group.run() }
        while try await runtime.pool.query("SELECT count(*) FROM queue.subscriptions WHERE queue = 'notifications'").scalar(Int.self) == 0 {
            try await Task.sleep(for: .milliseconds(20))
        }
        var report = BenchReport(
            name: "notifications",
            title: "Notifications (2 cores, one worker process, concurrency \(runtime.configuration.workerConcurrency))",
            header: ["measurement", "result", "target / what limits it"]
        )
        do {
            try await measure(context, configuration: configuration, report: &report)
        } catch {
            await group.triggerGracefulShutdown()
            throw error
        }
        await group.triggerGracefulShutdown()
        _ = await running.result
        await robot.stop()
        report.notes.append(machineLine())
        try report.publish(to: options.write)
    }
}
