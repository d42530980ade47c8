import Foundation
import ServiceKit

extension CalendarService: LinliServiceApp {
    public static let serviceName = "calendar"
    public static let defaultPort = 8082

    /// Builds the service with its configuration read from the environment.
    public init(runtime: LinliRuntime, environment: [String: String]) throws {
        self.init(
            runtime: runtime,
            configuration: try CalendarConfiguration(environment: environment, publicURL: runtime.configuration.http.publicURL)
        )
    }
}
