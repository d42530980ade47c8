import Foundation
import Hummingbird
import JobQueue
import Logging
import Postgres
import Prometheus
import ServiceLifecycle
import UnixSignals

/// What every service runs: its pool, the queue's doorbell, listener and worker, the token
/// service, and an HTTP application with the shared middleware and operational routes.
///
/// A service's executable reads its ``ServiceConfiguration``, creates the runtime with its
/// migrations and OpenAPI document, registers its job handlers on ``worker``, adds its routes to
/// the router from ``makeRouter(_:)`` and calls ``run(router:)``.
public struct LinliRuntime: Sendable {
    public let configuration: ServiceConfiguration
    public let logger: Logger
    public let pool: PostgresPool
    public let doorbell: Doorbell
    public let wakeups: QueueWakeups
    public let jobs: JobQueue
    public let worker: JobWorker
    /// Verifies bearer tokens with the published and configured public keys (it runs in the group to refresh them).
    public let tokens: TokenVerifier
    /// What "now" is: the system clock, or the one a test gave (see ``WallClock``).
    public let clock: WallClock
    /// Resolves sign-in tokens from the service's records; the service installs its resolver (``ScopeResolverSlot``).
    public let scopes = ScopeResolverSlot()
    /// Every schema the service migrates: the queue's, then the shared `auth`, then its own.
    public let migrations: [MigrationSet]
    let openAPI: String
    let metrics: PrometheusCollectorRegistry

    /// Creates the runtime (nothing connects until it runs).
    /// - Parameters:
    ///   - migrations: the service's own schema migrations.
    ///   - openAPI: the service's OpenAPI 3.1 document, served at `/openapi.yaml`.
    ///   - clock: what "now" is for the service (tests pass a ``SettableClock``'s).
    public init(
        configuration: ServiceConfiguration,
        migrations: [MigrationSet],
        openAPI: String,
        logger: Logger,
        clock: WallClock = .system
    ) async throws {
        self.configuration = configuration
        self.clock = clock
        var logger = logger
        logger.logLevel = configuration.logLevel
        logger[metadataKey: "service"] = "\(configuration.serviceName)"
        self.logger = logger
        self.metrics = MetricsRegistry.bootstrap()
        let connection = configuration.postgres
        pool = PostgresPool(
            configuration: .init(connection: connection, maxConnections: configuration.database.poolSize, name: configuration.serviceName),
            logger: logger
        )
        doorbell = Doorbell(connection: connection, logger: logger)
        wakeups = QueueWakeups(connection: connection, logger: logger)
        jobs = JobQueue(pool: pool, doorbell: doorbell)
        worker = JobWorker(
            configuration: .init(
                queue: configuration.serviceName,
                concurrency: configuration.workerConcurrency,
                shutdownTimeout: configuration.shutdownTimeout
            ),
            jobs: jobs,
            wakeups: wakeups,
            logger: logger
        )
        tokens = try await TokenVerifier(
            issuer: configuration.auth.issuer,
            staticKeys: configuration.auth.publicKeys,
            pool: pool,
            // Token times are real time, not a test's settable clock (a test moving days ahead would expire every token).
            clock: .system,
            logger: logger
        )
        self.migrations = [try QueueSchema.migrations(), try AuthSchema.migrations(), try LimitsSchema.migrations()] + migrations
        self.openAPI = openAPI
    }

    /// Applies every pending migration (each exactly once, however many replicas start together).
    public func migrate() async throws {
        let migrator = Migrator(pool: pool, logger: logger)
        for set in migrations { try await migrator.apply(set) }
    }

    /// A router with the shared middleware and the operational and queue-admin routes.
    public func makeRouter() -> Router<LinliRequestContext> {
        let router = Router(context: LinliRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ClientAddressMiddleware(trustedProxies: configuration.limits.trustedProxies))
        // A browser gets the problems below as Chinese pages (or a redirect to sign in).
        router.add(middleware: BrowserErrorMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: BodyLimitMiddleware(limit: configuration.http.bodyLimitBytes))
        // The browser session: the access cookie becomes the bearer token, and its unsafe methods need the CSRF token.
        router.add(middleware: SessionCookieMiddleware())
        router.add(middleware: CSRFMiddleware())
        // Limits held in PostgreSQL across replicas: floods of bad credentials, then writes per caller.
        let limiter = RateLimiter(pool: pool, clock: clock)
        router.add(middleware: CredentialFloodMiddleware(limiter: limiter, limit: configuration.limits.authFailuresPerMinute, clock: clock))
        router.add(middleware: AuthenticationMiddleware(tokens: tokens, scopes: scopes))
        router.add(
            middleware: WriteLimitMiddleware(limiter: limiter, service: configuration.serviceName, perMinute: configuration.limits.writesPerMinute)
        )
        OperationalRoutes(pool: pool, migrations: migrations, openAPI: openAPI).add(to: router)
        WebAssets.add(to: router)
        QueueAdminRoutes(admin: QueueAdmin(pool: pool, doorbell: doorbell)).add(to: router)
        return router
    }

    /// The HTTP application (also what route tests drive with `app.test(.router)`).
    public func makeApplication(router: Router<LinliRequestContext>) -> some ApplicationProtocol {
        Application(
            router: router,
            configuration: .init(
                address: .hostname(configuration.http.host, port: configuration.http.port),
                serverName: "linli-\(configuration.serviceName)"
            ),
            logger: logger
        )
    }

    /// The `/metrics` listener, apart from the public port.
    public var metricsEndpoint: MetricsEndpoint {
        MetricsEndpoint(metrics: metrics, settings: configuration.metrics, serviceName: configuration.serviceName, logger: logger)
    }

    /// Migrates, then runs the pool, the doorbell, the listener, the worker, the service's own
    /// long-lived services and the HTTP server until SIGTERM or SIGINT, and shuts them down in
    /// reverse order (the server stops taking requests first).
    /// - Parameter services: the service's own background services (e.g. a feed behind a stream
    ///   route), started after the worker and stopped after the HTTP server.
    /// - Parameter prepare: work after migrating and before anything else starts (the registry makes its first signing key).
    public func run(
        router: Router<LinliRequestContext>,
        services: [any Service] = [],
        prepare: @Sendable () async throws -> Void = {}
    ) async throws {
        try await migrate()
        try await prepare()
        let application = makeApplication(router: router)
        var groupConfiguration = ServiceGroupConfiguration(
            services: [
                .init(service: pool), .init(service: doorbell), .init(service: wakeups), .init(service: tokens), .init(service: worker),
            ]
                + services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) }
                + [.init(service: RateLimitJanitor(limiter: RateLimiter(pool: pool, clock: clock), logger: logger))]
                + [.init(service: metricsEndpoint.makeApplication()), .init(service: application)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        groupConfiguration.maximumGracefulShutdownDuration = configuration.shutdownTimeout + .seconds(10)
        let group = ServiceGroup(configuration: groupConfiguration)
        logger.info(
            "starting",
            metadata: [
                "http": "\(configuration.http.host):\(configuration.http.port)",
                "metrics": "\(configuration.metrics.host):\(configuration.metrics.port)",
                "database": "\(configuration.postgres.redactedDescription)",
            ]
        )
        try await group.run()
    }
}
