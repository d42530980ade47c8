import Foundation
import Logging
import NotificationsService
import ServiceKit

/// `linli-notifications`: reads its configuration, then runs the notifications service until SIGTERM.
@main
struct NotificationsApp {
    static func main() async throws {
        let environment = ProcessInfo.processInfo.environment
        let configuration = try ServiceConfiguration(serviceName: "notifications", defaultPort: 8083, environment: environment)
        let runtime = try await LinliRuntime(
            configuration: configuration,
            migrations: [try NotificationsService.migrations()],
            openAPI: try NotificationsService.openAPIDocument(),
            logger: Logger(label: "linli-notifications")
        )
        let service = NotificationsService(runtime: runtime, configuration: try NotificationsConfiguration(environment: environment))
        service.registerJobs(on: runtime.worker)
        let router = runtime.makeRouter()
        service.addRoutes(to: router)
        try await runtime.run(router: router, services: service.backgroundServices)
    }
}
