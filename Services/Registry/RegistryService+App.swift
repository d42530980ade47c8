import Foundation
import ServiceKit

extension RegistryService: LinliServiceApp {
    public static let serviceName = "registry"
    public static let defaultPort = 8081
    /// Its migrations and OpenAPI document.
    public static var resources: Bundle { .module }

    /// Reads the registry's own keys.
    public static func configuration(environment: [String: String], shared: ServiceConfiguration) throws(ConfigurationError) -> RegistryConfiguration
    {
        try RegistryConfiguration(environment: environment)
    }

    /// Builds the service on its runtime.
    public static func make(runtime: LinliRuntime, configuration: RegistryConfiguration) -> Self {
        Self(runtime: runtime, configuration: configuration)
    }
}
