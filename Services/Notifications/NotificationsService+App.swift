import Foundation
import ServiceKit

extension NotificationsService: LinliServiceApp {
    public static let serviceName = "notifications"
    public static let defaultPort = 8083
    /// Its migrations and OpenAPI document.
    public static var resources: Bundle { .module }
    /// The schema is `notify`, not the service's name.
    public static var schema: String { "notify" }

    /// Reads the service's own keys.
    public static func configuration(
        environment: [String: String],
        shared: ServiceConfiguration
    ) throws(ConfigurationError) -> NotificationsConfiguration {
        try NotificationsConfiguration(environment: environment)
    }

    /// Builds the service on its runtime.
    public static func make(runtime: LinliRuntime, configuration: NotificationsConfiguration) -> Self {
        Self(runtime: runtime, configuration: configuration)
    }
}
