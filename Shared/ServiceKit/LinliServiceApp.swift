import Foundation
import Hummingbird
import JobQueue
import Logging
import Postgres
import ServiceLifecycle

/// A Linli service as its executable runs it. Each service's library conforms; its executable's
/// `main` is one call to ``runMain()``.
public protocol LinliServiceApp: Sendable {
    /// The service's name (`registry`, `calendar`, …), carried by its logs, metrics and configuration errors.
    static var serviceName: String { get }
    /// The port it listens on when `LINLI_HTTP_PORT` is not set.
    static var defaultPort: Int { get }
    /// Its own settings, read from its `LINLI_<SERVICE>_…` keys.
    associatedtype Configuration: Sendable
    /// Reads and validates its own keys, before anything is built or connects.
    ///
    /// The error type is fixed so that every bad value, shared or the service's own, takes the one
    /// path of ``runMain()``: a line naming the key, then status 78.
    /// - Parameters:
    ///   - environment: the process environment.
    ///   - shared: the keys every service reads, already validated (e.g. for the public URL).
    /// - Throws: ``ConfigurationError`` naming the first key that is wrong.
    static func configuration(environment: [String: String], shared: ServiceConfiguration) throws(ConfigurationError) -> Configuration
    /// The bundle holding its `Migrations` folder and `openapi.yaml` (its module's `Bundle.module`).
    static var resources: Bundle { get }
    /// The schema it owns (by default its name).
    static var schema: String { get }
    /// Its schema's migrations (by default the bundle's `Migrations` folder).
    static func migrations() throws -> MigrationSet
    /// Its OpenAPI 3.1 document, served at `/openapi.yaml` (by default the bundle's `openapi.yaml`).
    static func openAPIDocument() throws -> String
    /// Builds the service on its runtime with its settings as ``configuration(environment:shared:)`` read them.
    static func make(runtime: LinliRuntime, configuration: Configuration) -> Self
    /// Registers its job handlers and event subscriptions.
    func registerJobs(on worker: JobWorker)
    /// Adds its routes.
    func addRoutes(to router: Router<LinliRequestContext>)
    /// Long-lived services of its own, run in the runtime's group after the worker.
    var backgroundServices: [any Service] { get }
    /// Work once the schemas are migrated, before the group starts (by default none).
    func prepare() async throws
}

extension LinliServiceApp {
    public var backgroundServices: [any Service] { [] }

    public func prepare() async throws {}

    /// Reads the configuration from the environment, then runs the service until SIGTERM or SIGINT.
    ///
    /// Every key, the shared ones and the service's own, is read before anything connects, so a bad
    /// configuration ends the process with a one-line message naming the key and status 78
    /// (`EX_CONFIG`), not a crash report, whether or not the database is reachable.
    public static func runMain() async throws {
        let environment = ProcessInfo.processInfo.environment
        let shared: ServiceConfiguration
        let own: Configuration
        do throws(ConfigurationError) {
            shared = try ServiceConfiguration(serviceName: serviceName, defaultPort: defaultPort, environment: environment)
            own = try configuration(environment: environment, shared: shared)
        } catch {
            FileHandle.standardError.write(Data("linli-\(serviceName): \(error)\n".utf8))
            exit(78)
        }
        try await run(shared: shared, own: own)
    }

    private static func run(shared: ServiceConfiguration, own: Configuration) async throws {
        let runtime = try await LinliRuntime(
            configuration: shared,
            migrations: [try migrations()],
            openAPI: try openAPIDocument(),
            logger: Logger(label: "linli-\(serviceName)")
        )
        let service = make(runtime: runtime, configuration: own)
        service.registerJobs(on: runtime.worker)
        let router = runtime.makeRouter()
        service.addRoutes(to: router)
        try await runtime.run(router: router, services: service.backgroundServices, prepare: service.prepare)
    }
}
