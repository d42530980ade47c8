import Foundation
import Hummingbird
import JobQueue
import Logging
import Models
import Postgres
import ServiceKit

/// Analytics: facts from every event with their dimensions as they were, rollups kept up to date as
/// facts arrive, one glossary of metrics served as JSON and CSV for Grafana, and a built-in dashboard.
public struct AnalyticsService: Sendable {
    let runtime: LinliRuntime
    let configuration: AnalyticsConfiguration
    let places = Places()

    /// Creates the service on a runtime.
    public init(runtime: LinliRuntime, configuration: AnalyticsConfiguration) {
        self.runtime = runtime
        self.configuration = configuration
        // Sign-in tokens' roles and scopes come from analytics' projections, not from the token.
        runtime.scopes.install(AnalyticsScopeResolver(pool: runtime.pool))
    }

    var buckets: Buckets { Buckets(timeZone: configuration.timeZone) }
    var evaluator: MetricEvaluator { MetricEvaluator(buckets: buckets, suppressionThreshold: configuration.suppressionThreshold, places: places) }

    /// Adds `/v1/metrics…`, `/v1/overview` and `/dashboard`: reads only, scoped per caller.
    public func addRoutes(to router: Router<LinliRequestContext>) {
        MetricRoutes(runtime: runtime, evaluator: evaluator).add(to: router)
        DashboardRoutes(runtime: runtime, evaluator: evaluator).add(to: router)
    }

    /// Subscribes to every event topic and schedules the daily gauge snapshot.
    /// - Parameter scheduleSnapshots: `false` leaves the snapshot to be run by hand (tests).
    public func registerJobs(on worker: JobWorker, scheduleSnapshots: Bool) {
        EventConsumers(places: places, buckets: buckets, clock: runtime.clock).register(on: worker)
        AccountProjection.register(on: worker, schema: "analytics", scopes: runtime.scopes.cache)
        SnapshotJob(buckets: buckets, schedule: configuration.snapshotSchedule).register(on: worker, scheduling: scheduleSnapshots)
    }

    /// Copies the gauges as they are now into the buckets containing `date` (what the daily job does).
    public func snapshotGauges(at date: Date) async throws {
        let buckets = self.buckets
        try await runtime.pool.withTransaction { tx in try PlaceState.snapshot(at: date, buckets: buckets, on: tx) }
    }

    /// Rebuilds every rollup from the facts and the gauges from the projections (`linli analytics rebuild`).
    public static func rebuild(pool: PostgresPool, configuration: AnalyticsConfiguration) async throws {
        try await pool.withTransaction { tx in try RollupRebuild.run(timeZone: configuration.timeZone, on: tx) }
    }

}
