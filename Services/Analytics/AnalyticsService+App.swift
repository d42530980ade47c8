import Foundation
import JobQueue
import ServiceKit

extension AnalyticsService: LinliServiceApp {
    public static let serviceName = "analytics"
    public static let defaultPort = 8084
    /// Its migrations and OpenAPI document.
    public static var resources: Bundle { .module }

    /// Reads the service's own keys.
    public static func configuration(environment: [String: String], shared: ServiceConfiguration) throws(ConfigurationError) -> AnalyticsConfiguration
    {
        try AnalyticsConfiguration(environment: environment)
    }

    /// Builds the service on its runtime.
    public static func make(runtime: LinliRuntime, configuration: AnalyticsConfiguration) -> Self {
        Self(runtime: runtime, configuration: configuration)
    }

    /// Registers the consumers and the daily snapshot job.
    public func registerJobs(on worker: JobWorker) { registerJobs(on: worker, scheduleSnapshots: true) }
}
