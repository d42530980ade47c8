import ConcernsService
import Foundation
import Logging
import ServiceKit

/// `linli-concerns`: reads its configuration, then runs the concerns service until SIGTERM.
@main
struct ConcernsApp {
    static func main() async throws {
        let environment = ProcessInfo.processInfo.environment
        let configuration = try ServiceConfiguration(serviceName: "concerns", defaultPort: 8085, environment: environment)
        let runtime = try await LinliRuntime(
            configuration: configuration,
            migrations: [try ConcernsService.migrations()],
            openAPI: try ConcernsService.openAPIDocument(),
            logger: Logger(label: "linli-concerns")
        )
        let service = ConcernsService(runtime: runtime, configuration: try ConcernsConfiguration(environment: environment))
        service.registerJobs(on: runtime.worker)
        let router = runtime.makeRouter()
        service.addRoutes(to: router)
        try await runtime.run(router: router)
    }
}
