import Foundation
import ServiceKit

extension NotificationsService: LinliServiceApp {
    public static let serviceName = "notifications"
    public static let defaultPort = 8083

    /// Builds the service with its configuration read from the environment.
    public init(runtime: LinliRuntime, environment: [String: String]) throws {
        self.init(runtime: runtime, configuration: try NotificationsConfiguration(environment: environment))
    }
}
