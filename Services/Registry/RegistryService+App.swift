import Foundation
import ServiceKit

extension RegistryService: LinliServiceApp {
    public static let serviceName = "registry"
    public static let defaultPort = 8081

    /// Builds the service with its configuration read from the environment.
    public init(runtime: LinliRuntime, environment: [String: String]) throws {
        self.init(runtime: runtime, configuration: try RegistryConfiguration(environment: environment))
    }
}
