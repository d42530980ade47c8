import AsyncHTTPClient
import Foundation
import LinliHTTPClient
import LinliTestSupport
import Logging
import Postgres
import Processes
import ServiceKit

/// The whole of Linli as an operator runs it: a PostgreSQL cluster of its own (so it can be
/// restarted), one database, the roles of `deploy/sql/roles.sql`, `linli migrate` as the owner, the
/// five executables each connecting as its own role on a free loopback port, and a fake WeCom robot.
final class SystemUnderTest: Sendable {
    /// The robot limit the tests configure: at most this many messages per window per robot.
    static let robotLimit = 2
    /// The robot window the tests configure, in seconds.
    static let robotWindowSeconds = 4.0

    let cluster: TestCluster
    let database: TestDatabase
    let folder: String
    let robot: FakeRobot
    let registry: ServiceProcess
    let calendar: ServiceProcess
    let notifications: ServiceProcess
    let analytics: ServiceProcess
    let concerns: ServiceProcess
    /// A pool as the schema owner, for the assertions on every schema and the queue.
    let owner: PostgresPool
    /// Signs with the key the registry made at start (read from `registry.signing_keys`, as `linli token` does).
    let tokens: TokenIssuer
    /// The one HTTP client every request of the test goes through; shut down in ``stop(keepLogs:)``.
    let http: HTTPClient

    /// Every service, in start order.
    var services: [ServiceProcess] { [registry, calendar, notifications, analytics, concerns] }

    private init(
        cluster: TestCluster,
        database: TestDatabase,
        folder: String,
        robot: FakeRobot,
        services: [ServiceProcess],
        tokens: TokenIssuer,
        http: HTTPClient
    ) {
        self.cluster = cluster
        self.database = database
        self.folder = folder
        self.robot = robot
        (registry, calendar, notifications, analytics, concerns) = (services[0], services[1], services[2], services[3], services[4])
        self.tokens = tokens
        self.http = http
        var logger = Logger(label: "e2e.owner")
        logger.logLevel = .critical
        owner = PostgresPool(configuration: .init(connection: database.configuration(), maxConnections: 2), logger: logger)
    }

    /// Starts everything and waits until every service's `/readyz` answers.
    static func start(_ label: String = #function) async throws -> SystemUnderTest {
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: ServiceClient.httpConfiguration())
        do {
            return try await start(label, http: http)
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    private static func start(_ label: String, http: HTTPClient) async throws -> SystemUnderTest {
        let cluster = try await TestCluster.makePrivate()
        let database = try await TestDatabase.make(label, in: cluster)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("linli-e2e-\(getpid())-\(database.name)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try await createRoles(cluster: cluster, database: database)
        let ownerURL = cluster.connectionString(database: database.name)
        let (status, output) = try await ChildProcess.run(try BuiltProducts.path("linli"), ["migrate", "--database-url", ownerURL])
        guard status == 0 else { throw TestSupportError("linli migrate failed: \(output)") }

        let robot = try await FakeRobot.start(in: folder)
        let dataKey = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let extra: [String: [String: String]] = [
            "registry": ["LINLI_REGISTRY_DATA_KEY": dataKey],
            "notifications": [
                "LINLI_NOTIFICATIONS_QUIET_HOURS": "off", "LINLI_NOTIFICATIONS_ROBOT_LIMIT": "\(robotLimit)",
                "LINLI_NOTIFICATIONS_ROBOT_WINDOW_SECONDS": "\(Int(robotWindowSeconds))", "LINLI_NOTIFICATIONS_RETRY_BASE_MS": "500",
            ],
            // The test's city is small: show every count rather than suppressing cells of fewer than 5 people.
            "analytics": ["LINLI_ANALYTICS_SUPPRESSION_THRESHOLD": "1"],
        ]
        var services: [ServiceProcess] = []
        for name in ["registry", "calendar", "notifications", "analytics", "concerns"] {
            let port = try TestCluster.freeLoopbackPort()
            let metricsPort = try TestCluster.freeLoopbackPort()
            let environment = [
                "LINLI_DATABASE_URL": cluster.connectionString(database: database.name, user: "linli_\(name)"),
                "LINLI_HTTP_PORT": "\(port)", "LINLI_PUBLIC_URL": "http://127.0.0.1:\(port)", "LINLI_METRICS_PORT": "\(metricsPort)",
                "LINLI_DATABASE_POOL_SIZE": "4", "LINLI_LOG_LEVEL": "warning", "LINLI_SHUTDOWN_TIMEOUT_SECONDS": "5",
            ].merging(extra[name] ?? [:]) { $1 }
            services.append(ServiceProcess(name: name, port: port, environment: environment, logPath: "\(folder)/\(name).log", http: http))
        }
        // The registry first: it makes and publishes the signing key the others load when they start.
        try await services[0].start()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for service in services.dropFirst() { group.addTask { try await service.start() } }
            try await group.waitForAll()
        }
        let tokens = try await registryIssuer(database: database)
        return SystemUnderTest(
            cluster: cluster,
            database: database,
            folder: folder,
            robot: robot,
            services: services,
            tokens: tokens,
            http: http
        )
    }

    /// Starts the system, runs `body`, and stops everything; when `body` throws, the services' logs
    /// are kept and their folder named in the error.
    static func run(_ label: String = #function, _ body: (SystemUnderTest) async throws -> Void) async throws {
        let system = try await start(label)
        do {
            try await body(system)
        } catch {
            await system.stop(keepLogs: true)
            throw TestSupportError("\(error) (the services' logs are kept in \(system.folder))")
        }
        await system.stop()
    }

    /// An issuer with the registry's current signing key, read as the owner.
    private static func registryIssuer(database: TestDatabase) async throws -> TokenIssuer {
        var logger = Logger(label: "e2e.keys")
        logger.logLevel = .critical
        let pool = PostgresPool(configuration: .init(connection: database.configuration(), maxConnections: 1), logger: logger)
        let rows: PostgresResult
        do {
            rows = try await pool.query(
                "SELECT kid, private_key FROM registry.signing_keys WHERE signs_from <= now() ORDER BY signs_from DESC LIMIT 1"
            )
        } catch {
            await pool.shutdown()
            throw error
        }
        await pool.shutdown()
        guard let row = rows.first else { throw TestSupportError("the registry made no signing key at start") }
        return try await TokenIssuer(kid: try row.decode(0, as: String.self), privateKey: try row.decode(1, as: Data.self))
    }

    /// `deploy/sql/roles.sql` through psql, as `scripts/run-local` runs it.
    private static func createRoles(cluster: TestCluster, database: TestDatabase) async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var arguments = ["-h", "127.0.0.1", "-p", "\(cluster.port)", "-U", "linli", "-d", database.name, "-v", "ON_ERROR_STOP=1", "-q"]
        arguments += ["-v", "owner=linli"]
        for name in ["registry", "calendar", "notifications", "analytics", "concerns"] { arguments += ["-v", "\(name)_password=e2e-\(name)"] }
        arguments += ["-f", root.appendingPathComponent("deploy/sql/roles.sql").path]
        let (status, output) = try await ChildProcess.run(try psql(), arguments)
        guard status == 0 else { throw TestSupportError("roles.sql failed: \(output)") }
    }

    /// psql from the newest installed PostgreSQL, else the one on the usual path.
    private static func psql() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted(by: >)
        let candidates = versions.map { "\(root)/\($0)/bin/psql" } + ["/usr/bin/psql"]
        guard let found = candidates.first(where: FileManager.default.isExecutableFile) else { throw TestSupportError("psql is not installed") }
        return found
    }

    /// A client of one service as one principal.
    func client(_ service: ServiceProcess, as principal: Principal) async throws -> APIClient {
        let token = try await tokens.mint(principal, lifetime: 3_600)
        return APIClient(client: ServiceClient(service: service.name, baseURL: service.baseURL, http: http).bearer(token))
    }

    /// A count (or any integer) the owner reads.
    func count(_ sql: SQL) async throws -> Int {
        try await owner.query(sql).scalar(Int.self) ?? 0
    }

    /// Stops every process and the cluster. Logs stay in `folder` only when the test failed.
    func stop(keepLogs: Bool = false) async {
        for service in services { await service.stop() }
        await robot.stop()
        await owner.shutdown()
        try? await http.shutdown()
        await cluster.stop()
        if !keepLogs { try? FileManager.default.removeItem(atPath: folder) }
    }
}
