import CalendarService
import Foundation
import Hummingbird
import HummingbirdTesting
import JobQueue
import Logging
import Models
import Postgres
import ServiceKit
import ServiceLifecycle

/// The calendar on the benchmark's database: its runtime and worker running, a router to send requests
/// through, and tokens for the people who send them.
/// (`@unchecked`: the router is built once, before any request, and only read afterwards.)
final class CalendarBenchContext: @unchecked Sendable {
    let runtime: LinliRuntime
    /// Signs the benchmark's tokens (its public key is in the runtime's `LINLI_AUTH_PUBLIC_KEYS`).
    let issuer: TokenIssuer
    let service: CalendarService
    let router: Router<LinliRequestContext>
    let group: ServiceGroup

    static let admin = Principal(subject: "staff:bench-admin", role: .admin)
    /// The compound of the storm (one the theme reaches), and of the feed (one in another city, which the
    /// theme does not reach, so its feed holds exactly the series made for it).
    static let stormCompound = 1
    static let feedCompound = 99_999

    private init(
        runtime: LinliRuntime,
        issuer: TokenIssuer,
        service: CalendarService,
        router: Router<LinliRequestContext>,
        group: ServiceGroup
    ) {
        self.runtime = runtime
        self.issuer = issuer
        self.service = service
        self.router = router
        self.group = group
    }

    static func make(connectionString: String, poolSize: Int) async throws -> CalendarBenchContext {
        let issuer = try await TokenIssuer.generate(kid: "bench")
        let configuration = try ServiceConfiguration(
            serviceName: "calendar",
            defaultPort: 0,
            environment: [
                "LINLI_DATABASE_URL": connectionString, "LINLI_AUTH_PUBLIC_KEYS": issuer.publicKeyEntry,
                "LINLI_DATABASE_POOL_SIZE": String(poolSize), "LINLI_LOG_LEVEL": "error",
            ]
        )
        let runtime = try await LinliRuntime(
            configuration: configuration,
            migrations: [try CalendarService.migrations()],
            openAPI: try CalendarService.openAPIDocument(),
            logger: Logger(label: "bench.calendar")
        )
        try await runtime.migrate()
        // The services that consume the calendar's events in production.
        let topics = [
            ThemePublished.topic, ActivityPublished.topic, ActivityChanged.topic, ActivityCancelled.topic, RegistrationCreated.topic,
            RegistrationCancelled.topic, RegistrationPromoted.topic, AttendanceRecorded.topic, ActivityHeld.topic,
        ]
        for queue in ["notifications", "analytics"] { try await runtime.jobs.subscribe(queue: queue, to: topics) }
        let service = CalendarService(runtime: runtime, configuration: CalendarConfiguration(publicURL: "https://calendar.bench"))
        service.registerJobs(on: runtime.worker)
        let router = runtime.makeRouter()
        service.addRoutes(to: router)
        let services: [any Service] = [runtime.doorbell, runtime.wakeups, runtime.worker]
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
                gracefulShutdownSignals: [],
                logger: runtime.logger
            )
        )
        return CalendarBenchContext(runtime: runtime, issuer: issuer, service: service, router: router, group: group)
    }

    /// Runs the worker (for the projection's events) while `body` runs.
    func running<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await group.run() }
        let value: T
        do {
            value = try await body()
        } catch {
            await group.triggerGracefulShutdown()
            _ = try? await task.value
            throw error
        }
        await group.triggerGracefulShutdown()
        try await task.value
        return value
    }

    func shutdown() async {
        await runtime.pool.shutdown()
    }

    /// A bearer header for a principal.
    func headers(_ principal: Principal) async throws -> HTTPFields {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(try await issuer.mint(principal))"
        headers[.contentType] = "application/json"
        return headers
    }

    /// Sends requests through the router.
    func client<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await runtime.makeApplication(router: router).test(.router, body)
    }

    func count(_ sql: SQL) async throws -> Int {
        try await runtime.pool.query(sql).scalar(Int.self) ?? 0
    }

    /// Gives the planner statistics for the tables a sign-up reads and writes, as autovacuum does in production.
    func analyse() async throws {
        _ = try await runtime.pool.execute("ANALYZE calendar.occurrences, calendar.seats, calendar.registrations")
    }

    /// Waits until the calendar's own queue has nothing left to run now.
    func drained() async throws {
        while try await count("SELECT count(*) FROM queue.jobs WHERE queue = 'calendar' AND state <> 'scheduled'") > 0 {
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}

/// A failed request in the benchmark.
struct BenchRequestError: Error, CustomStringConvertible {
    let description: String
}
