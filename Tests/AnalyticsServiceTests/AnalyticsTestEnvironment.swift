import AnalyticsService
import Foundation
import Hummingbird
import HummingbirdTesting
import JobQueue
import LinliTestSupport
import Logging
import Models
import Postgres
import ServiceKit
import ServiceLifecycle
import ServiceTestSupport

/// Analytics on a test database: publishes events through the real queue, runs a real worker until
/// they are consumed, and drives the routes. (`@unchecked`: the router is built once, then only read.)
struct AnalyticsTestEnvironment: @unchecked Sendable {
    let environment: ServiceTestEnvironment
    let router: Router<LinliRequestContext>
    let service: AnalyticsService
    let configuration: AnalyticsConfiguration

    static func make(suppressionThreshold: Int = 5, _ label: String = #function) async throws -> AnalyticsTestEnvironment {
        let environment = try await ServiceTestEnvironment.make(
            service: "analytics",
            migrations: [try AnalyticsService.migrations()],
            openAPI: try AnalyticsService.openAPIDocument(),
            label: label
        )
        let configuration = AnalyticsConfiguration(suppressionThreshold: suppressionThreshold)
        let service = AnalyticsService(runtime: environment.runtime, configuration: configuration)
        let router = environment.runtime.makeRouter()
        service.addRoutes(to: router)
        let env = AnalyticsTestEnvironment(environment: environment, router: router, service: service, configuration: configuration)
        try await env.subscribe()
        return env
    }

    var runtime: LinliRuntime { environment.runtime }
    var tokens: TokenIssuer { environment.tokens }
    var pool: PostgresPool { environment.runtime.pool }

    /// Publishes each phase in one transaction and lets a worker consume it before the next.
    func ingest(_ phases: [[any DomainEvent]]) async throws {
        for phase in phases {
            for chunk in stride(from: 0, to: phase.count, by: 500).map({ Array(phase[$0..<min($0 + 500, phase.count)]) }) {
                try await runtime.jobs.withTransaction { tx, outbox in
                    for event in chunk { try outbox.publish(event, on: tx) }
                }
            }
            try await drain()
        }
    }

    /// Subscribes the analytics queue to the topics its handlers consume, as its worker does when it
    /// starts (so that events published before the first ``drain()`` reach the queue).
    func subscribe() async throws {
        let group = makeWorkerGroup()
        let running = Task { try await group.run() }
        defer { running.cancel() }
        let deadline = ContinuousClock.now + .seconds(30)
        while try await pool.query("SELECT count(*) FROM queue.subscriptions WHERE queue = 'analytics'").scalar(Int.self) == 0 {
            guard ContinuousClock.now < deadline else { throw TestFailure("the analytics worker did not subscribe") }
            try await Task.sleep(for: .milliseconds(20))
        }
        await group.triggerGracefulShutdown()
        try await running.value
    }

    /// Runs a fresh worker of the analytics queue until the queue is empty; fails on any job error.
    func drain() async throws {
        let group = makeWorkerGroup()
        let running = Task { try await group.run() }
        defer { running.cancel() }
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            let failed = try await pool.query(
                "SELECT kind, errors::text FROM queue.jobs WHERE queue = 'analytics' AND errors <> '[]'::jsonb LIMIT 1"
            )
            if let row = failed.first {
                await group.triggerGracefulShutdown()
                throw TestFailure("\(try row.decode(0, as: String.self)) failed: \(try row.decode(1, as: String.self))")
            }
            if try await pool.query("SELECT count(*) FROM queue.jobs WHERE queue = 'analytics'").scalar(Int.self) == 0 {
                await group.triggerGracefulShutdown()
                try await running.value
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        await group.triggerGracefulShutdown()
        throw TestFailure("the analytics queue did not drain in time")
    }

    /// A fresh worker of the analytics queue with the service's handlers (snapshots by hand), in a service group.
    private func makeWorkerGroup() -> ServiceGroup {
        var logger = Logger(label: "test.analytics.worker")
        logger.logLevel = .error
        let worker = JobWorker(
            configuration: .init(queue: "analytics", concurrency: 8, pollInterval: .milliseconds(20), shutdownTimeout: .seconds(5)),
            jobs: runtime.jobs,
            wakeups: QueueWakeups(connection: runtime.configuration.postgres, logger: logger),
            logger: logger
        )
        service.registerJobs(on: worker, scheduleSnapshots: false)
        return ServiceGroup(configuration: .init(services: [.init(service: worker)], gracefulShutdownSignals: [], logger: logger))
    }

    func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await runtime.makeApplication(router: router).test(.router, body)
    }

    func headers(_ principal: Principal) async throws -> HTTPFields {
        try await environment.authorization(principal)
    }

    /// GETs a metric's JSON rows as dictionaries.
    func rows(_ uri: String, as principal: Principal = Self.dashboard) async throws -> [[String: Any]] {
        let headers = try await headers(principal)
        let body = try await test { client in
            try await client.execute(uri: uri, method: .get, headers: headers) { response in
                guard response.status == .ok else { throw TestFailure("\(uri): \(response.status) \(String(buffer: response.body))") }
                return String(buffer: response.body)
            }
        }
        guard let rows = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]] else {
            throw TestFailure("\(uri) did not answer a JSON array")
        }
        return rows
    }

    static let dashboard = Principal(subject: "system:grafana", role: .dashboard)
    static let admin = Principal(subject: "staff:admin", role: .admin)
}
