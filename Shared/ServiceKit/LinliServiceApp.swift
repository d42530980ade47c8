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
    /// Its schema's migrations.
    static func migrations() throws -> MigrationSet
    /// Its OpenAPI 3.1 document, served at `/openapi.yaml`.
    static func openAPIDocument() throws -> String
    /// Builds the service on its runtime, reading its own `LINLI_<SERVICE>_…` keys from `environment`.
    init(runtime: LinliRuntime, environment: [String: String]) throws
    /// Registers its job handlers and event subscriptions.
    func registerJobs(on worker: JobWorker)
    /// Adds its routes.
    func addRoutes(to router: Router<LinliRequestContext>)
    /// Long-lived services of its own, run in the runtime's group after the worker.
    var backgroundServices: [any Service] { get }
}

extension LinliServiceApp {
    public var backgroundServices: [any Service] { [] }

    /// Reads the configuration from the environment, then runs the service until SIGTERM or SIGINT.
    /// A bad configuration ends the process with a one-line message naming the key and status 78
    /// (`EX_CONFIG`), not a crash report.
    public static func runMain() async throws {
        do {
            try await run(environment: ProcessInfo.processInfo.environment)
        } catch let error as ConfigurationError {
            FileHandle.standardError.write(Data("linli-\(serviceName): \(error)\n".utf8))
            exit(78)
        }
    }

    private static func run(environment: [String: String]) async throws {
        let configuration = try ServiceConfiguration(serviceName: serviceName, defaultPort: defaultPort, environment: environment)
        let runtime = try await LinliRuntime(
            configuration: configuration,
            migrations: [try migrations()],
            openAPI: try openAPIDocument(),
            logger: Logger(label: "linli-\(serviceName)")
        )
        let service = try Self(runtime: runtime, environment: environment)
        service.registerJobs(on: runtime.worker)
        let router = runtime.makeRouter()
        service.addRoutes(to: router)
        try await runtime.run(router: router, services: service.backgroundServices)
    }
}
