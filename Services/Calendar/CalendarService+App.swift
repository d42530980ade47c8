import Foundation
import ServiceKit

extension CalendarService: LinliServiceApp {
    public static let serviceName = "calendar"
    public static let defaultPort = 8082
    /// Its migrations and OpenAPI document.
    public static var resources: Bundle { .module }

    /// Reads the calendar's own keys (links default to the shared public URL).
    public static func configuration(environment: [String: String], shared: ServiceConfiguration) throws(ConfigurationError) -> CalendarConfiguration
    {
        try CalendarConfiguration(environment: environment, publicURL: shared.http.publicURL)
    }

    /// Builds the service on its runtime.
    public static func make(runtime: LinliRuntime, configuration: CalendarConfiguration) -> Self {
        Self(runtime: runtime, configuration: configuration)
    }
}
