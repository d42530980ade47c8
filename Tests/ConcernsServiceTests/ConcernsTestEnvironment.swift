import ConcernsService
import Foundation
import Hummingbird
import HummingbirdTesting
import JobQueue
import LinliTestSupport
import Logging
import Models
import Postgres
import ServiceKit
import ServiceTestSupport

/// The concerns service on a test database of its own, its projection seeded from real registry
/// events, and a `notifications` queue subscribed to everything it publishes (to read the events).
/// (`@unchecked`: the router is built once, before any request, and only read afterwards.)
struct ConcernsTestEnvironment: @unchecked Sendable {
    let environment: ServiceTestEnvironment
    let router: Router<LinliRequestContext>
    let service: ConcernsService
    let configuration: ConcernsConfiguration

    static let publishedTopics = [
        "concern.raised", "concern.updated", "concern.settled", "concern.reopened", "council.meeting.scheduled",
        "council.meeting.held", "decision.recorded", "action.overdue",
    ]

    static func make(
        _ label: String = #function,
        configuration: ConcernsConfiguration = ConcernsConfiguration(escalationSchedule: try! CronSchedule("0 0 1 1 *")),
        seed: Bool = true,
        clock: WallClock = .system
    ) async throws -> ConcernsTestEnvironment {
        let environment = try await ServiceTestEnvironment.make(
            service: "concerns",
            migrations: [try ConcernsService.migrations()],
            openAPI: try ConcernsService.openAPIDocument(),
            clock: clock,
            label: label
        )
        let service = ConcernsService(runtime: environment.runtime, configuration: configuration)
        let router = environment.runtime.makeRouter()
        service.addRoutes(to: router)
        try await environment.runtime.jobs.subscribe(queue: "notifications", to: publishedTopics)
        // As the concerns worker does when it starts, so that the registry's events reach its queue.
        try await environment.runtime.jobs.subscribe(queue: "concerns", to: registryTopics)
        let env = ConcernsTestEnvironment(environment: environment, router: router, service: service, configuration: configuration)
        if seed { try await env.seedCity() }
        return env
    }

    var runtime: LinliRuntime { environment.runtime }
    var pool: PostgresPool { environment.runtime.pool }

    func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await runtime.makeApplication(router: router).test(.router, body)
    }

    func headers(_ principal: Principal) async throws -> HTTPFields {
        var headers = try await environment.authorization(principal)
        headers[.contentType] = "application/json"
        return headers
    }

    /// Publishes registry events as the registry would, then lets a real worker consume them.
    func publish(_ events: [any DomainEvent]) async throws {
        for event in events { try await runtime.jobs.publish(event) }
        try await drain()
    }

    /// Runs a fresh worker of the `concerns` queue (with the service's handlers) until the queue is empty.
    func drain() async throws {
        let worker = JobWorker(
            configuration: .init(queue: "concerns", concurrency: 4, pollInterval: .milliseconds(50)),
            jobs: runtime.jobs,
            wakeups: runtime.wakeups,
            logger: runtime.logger
        )
        service.registerJobs(on: worker)
        try await withRunning([worker]) {
            try await environment.waitUntilDrained("concerns", includingScheduled: true, timeout: .seconds(60))
        }
    }

    static let registryTopics = [
        "compound.changed", "household.changed", "resident.registered", "resident.changed", "resident.moved", "head.assigned",
        "head.vacated",
    ]

    /// The single integer a query returns.
    func count(_ sql: SQL) async throws -> Int { try await environment.count(sql) }

    /// The events published to the `notifications` queue on a topic, oldest first.
    func published<Event: DomainEvent>(_ type: Event.Type) async throws -> [Event] {
        let rows = try await pool.query(
            "SELECT payload FROM queue.jobs WHERE queue = 'notifications' AND kind = \(Event.topic) ORDER BY id"
        )
        return try rows.map { row in
            try LinliJSON.makeDecoder().decode(Event.self, from: Data(try row.decode(0, as: PostgresJSONB.self).json))
        }
    }

    /// Moves a concern's clock back, as if `seconds` had passed since it was settled or since it became due.
    func age(concern id: Int, settledBy seconds: Int? = nil, dueBy overdue: Int? = nil) async throws {
        try await pool.execute(
            """
            UPDATE concerns.concerns SET
                settled_at = CASE WHEN \(seconds)::int8 IS NULL THEN settled_at ELSE now() - make_interval(secs => \(seconds)) END,
                expected_by = CASE WHEN \(overdue)::int8 IS NULL THEN expected_by ELSE now() - make_interval(secs => \(overdue)) END,
                next_escalation_at = CASE WHEN \(overdue)::int8 IS NULL THEN next_escalation_at
                                          ELSE now() - make_interval(secs => \(overdue)) END
            WHERE id = \(id)
            """
        )
    }
}
