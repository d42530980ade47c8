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

@testable import NotificationsService

/// The notifications service on a test database, with its worker and a small city to notify.
/// (`@unchecked`: the router is built once, before any request, and only read afterwards.)
struct NotificationsTestEnvironment: @unchecked Sendable {
    let environment: ServiceTestEnvironment
    let service: NotificationsService
    let router: Router<LinliRequestContext>
    var tokens: TokenIssuer { environment.tokens }

    /// Test settings: no quiet hours, quick retries, 3 attempts, a fast inbox feed (each can be overridden).
    static let testSettings = [
        "LINLI_NOTIFICATIONS_QUIET_HOURS": "off", "LINLI_NOTIFICATIONS_RETRY_BASE_MS": "50", "LINLI_NOTIFICATIONS_MAX_ATTEMPTS": "3",
        "LINLI_NOTIFICATIONS_INBOX_POLL_MS": "100", "LINLI_NOTIFICATIONS_INBOX_HEARTBEAT_SECONDS": "1",
        "LINLI_NOTIFICATIONS_HTTP_TIMEOUT_SECONDS": "5",
    ]

    /// - Parameter clock: the service's "now" (a ``SettableClock``'s, to move time in a test).
    static func make(
        _ label: String = #function,
        settings: [String: String] = [:],
        clock: WallClock = .system
    ) async throws -> NotificationsTestEnvironment {
        let merged = testSettings.merging(settings) { $1 }
        let environment = try await ServiceTestEnvironment.make(
            service: "notifications",
            migrations: [try NotificationsService.migrations()],
            openAPI: try NotificationsService.openAPIDocument(),
            extra: merged.merging(["LINLI_WORKER_CONCURRENCY": "16"]) { $1 },
            clock: clock,
            label: label
        )
        let service = NotificationsService(runtime: environment.runtime, configuration: try NotificationsConfiguration(environment: merged))
        service.registerJobs(on: environment.runtime.worker)
        let router = environment.runtime.makeRouter()
        service.addRoutes(to: router)
        return NotificationsTestEnvironment(environment: environment, service: service, router: router)
    }

    var runtime: LinliRuntime { environment.runtime }
    var pool: PostgresPool { environment.runtime.pool }

    /// Runs the worker (and the inbox feed) while `body` runs, then stops them gracefully.
    func withWorker<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await environment.withRunningWorker(also: [service.inboxFeed], body)
    }

    /// Waits (polling) until a condition holds; fails after `seconds`.
    func waitUntil(_ what: String, seconds: Double = 30, _ condition: @Sendable () async throws -> Bool) async throws {
        try await LinliTestSupport.waitUntil(what, timeout: .milliseconds(Int(seconds * 1000)), poll: .milliseconds(25), condition)
    }

    /// The single integer a query returns.
    func count(_ sql: SQL) async throws -> Int { try await environment.count(sql) }

    /// Waits until every job of the notifications queue has finished (none waiting, running or due).
    func waitUntilIdle(seconds: Double = 30) async throws {
        try await environment.waitUntilDrained(timeout: .milliseconds(Int(seconds * 1000)))
    }

    /// Publishes events as the registry would, each in its own transaction.
    func publish<Event: DomainEvent>(_ events: [Event]) async throws {
        try await runtime.jobs.withTransaction { tx, outbox in
            for event in events { try outbox.publish(event, on: tx) }
        }
    }

    /// A compound with residents (one household each) and a group chat (with a robot if a URL is given). Needs the worker running.
    func seedCompound(_ id: Int, name: String, residents: [Int], chatID: Int, robot: String?, phones: [Int: String] = [:]) async throws {
        let area = [1, 2, 10 + id]
        try await publish([
            CompoundChanged(
                compoundID: id,
                name: name,
                areaPath: area,
                gridIDs: [],
                hasPartyBranch: true,
                hasOwnersCommittee: false,
                hasPropertyCompany: false,
                hasRedProperty: false,
                revision: 1
            )
        ])
        try await publish(
            residents.map { resident in
                ResidentRegistered(
                    residentID: resident,
                    name: "居民\(resident)",
                    phone: phones[resident],
                    birthYear: 1960,
                    placement: Placement(areaPath: area, compoundID: id, householdID: resident),
                    registeredAt: Date(),
                    revision: 1
                )
            }
        )
        try await publish([GroupChatChanged(compoundID: id, chatID: chatID, name: "\(name)邻里群", robotWebhook: robot, revision: 1)])
        try await waitUntil("compound \(id) is projected") {
            let projected = try await count("SELECT count(*) FROM notify.residents WHERE compound_id = \(id)")
            let chats = try await count("SELECT count(*) FROM notify.group_chats WHERE id = \(chatID)")
            // The three events are separate jobs that may run in any order: wait for each one.
            let compounds = try await count("SELECT count(*) FROM notify.compounds WHERE id = \(id)")
            return projected == residents.count && chats == 1 && compounds == 1
        }
    }

    func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await runtime.makeApplication(router: router).test(.router, body)
    }

    func headers(_ principal: Principal) async throws -> HTTPFields {
        var headers = try await environment.authorization(principal)
        headers[.contentType] = "application/json"
        return headers
    }

    static let admin = Principal(subject: "staff:admin", role: .admin)

    static func activity(_ id: Int, compound: Int, startsAt: Date = Date().addingTimeInterval(86_400 * 3)) -> ActivitySummary {
        ActivitySummary(
            activityID: id,
            compoundID: compound,
            areaPath: [1, 2, 10 + compound],
            themeID: nil,
            title: "幸福邻里节·百家宴",
            venue: "党群服务站",
            startsAt: startsAt,
            endsAt: startsAt.addingTimeInterval(7_200),
            recurrence: nil,
            capacity: 120,
            link: "https://linli.example/a/\(id)",
            points: 5
        )
    }
}
