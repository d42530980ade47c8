import AnalyticsService
import Foundation
import Logging
import ServiceKit

/// `linli-analytics`: reads its configuration, then runs analytics until SIGTERM.
@main
struct AnalyticsApp {
    static func main() async throws {
        let environment = ProcessInfo.processInfo.environment
        let configuration = try ServiceConfiguration(serviceName: "analytics", defaultPort: 8084, environment: environment)
        let runtime = try await LinliRuntime(
            configuration: configuration,
            migrations: [try AnalyticsService.migrations()],
            openAPI: try AnalyticsService.openAPIDocument(),
            logger: Logger(label: "linli-analytics")
        )
        let service = AnalyticsService(runtime: runtime, configuration: try AnalyticsConfiguration(environment: environment))
        service.registerJobs(on: runtime.worker)
        let router = runtime.makeRouter()
        service.addRoutes(to: router)
        try await runtime.run(router: router)
    }
}
