import CalendarService
import Foundation
import Logging
import ServiceKit

/// `linli-calendar`: reads its configuration, then runs the calendar until SIGTERM.
@main
struct CalendarApp {
    static func main() async throws {
        let environment = ProcessInfo.processInfo.environment
        let configuration = try ServiceConfiguration(serviceName: "calendar", defaultPort: 8082, environment: environment)
        let runtime = try await LinliRuntime(
            configuration: configuration,
            migrations: [try CalendarService.migrations()],
            openAPI: try CalendarService.openAPIDocument(),
            logger: Logger(label: "linli-calendar")
        )
        let service = CalendarService(
            runtime: runtime,
            configuration: try CalendarConfiguration(environment: environment, publicURL: configuration.http.publicURL)
        )
        service.registerJobs(on: runtime.worker)
        let router = runtime.makeRouter()
        service.addRoutes(to: router)
        try await runtime.run(router: router)
    }
}
