import Foundation
import ServiceKit

extension ConcernsService: LinliServiceApp {
    public static let serviceName = "concerns"
    public static let defaultPort = 8085
    /// Its migrations and OpenAPI document.
    public static var resources: Bundle { .module }

    /// Reads the service's own keys.
    public static func configuration(environment: [String: String], shared: ServiceConfiguration) throws(ConfigurationError) -> ConcernsConfiguration
    {
        try ConcernsConfiguration(environment: environment)
    }

    /// Builds the service on its runtime.
    public static func make(runtime: LinliRuntime, configuration: ConcernsConfiguration) -> Self {
        Self(runtime: runtime, configuration: configuration)
    }
}
