import Foundation
import Logging
import RegistryService
import ServiceKit

/// `linli-registry`: reads its configuration, then runs the registry until SIGTERM.
@main
struct RegistryApp {
    static func main() async throws {
        let environment = ProcessInfo.processInfo.environment
        let configuration = try ServiceConfiguration(serviceName: "registry", defaultPort: 8081, environment: environment)
        let runtime = try await LinliRuntime(
            configuration: configuration,
            migrations: [try RegistryService.migrations()],
            openAPI: try RegistryService.openAPIDocument(),
            logger: Logger(label: "linli-registry")
        )
        let service = RegistryService(runtime: runtime, configuration: try RegistryConfiguration(environment: environment))
        service.registerJobs(on: runtime.worker)
        let router = runtime.makeRouter()
        service.addRoutes(to: router)
        try await runtime.run(router: router)
    }
}
