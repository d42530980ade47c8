import Foundation
import JobQueue
import ServiceKit

extension AnalyticsService: LinliServiceApp {
    public static let serviceName = "analytics"
    public static let defaultPort = 8084

    /// Builds the service with its configuration read from the environment.
    public init(runtime: LinliRuntime, environment: [String: String]) throws {
        self.init(runtime: runtime, configuration: try AnalyticsConfiguration(environment: environment))
    }

    /// Registers the consumers and the daily snapshot job.
    public func registerJobs(on worker: JobWorker) { registerJobs(on: worker, scheduleSnapshots: true) }
}
