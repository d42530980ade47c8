import Foundation
import ServiceKit

extension ConcernsService: LinliServiceApp {
    public static let serviceName = "concerns"
    public static let defaultPort = 8085

    /// Builds the service with its configuration read from the environment.
    public init(runtime: LinliRuntime, environment: [String: String]) throws {
        self.init(runtime: runtime, configuration: try ConcernsConfiguration(environment: environment))
    }
}
