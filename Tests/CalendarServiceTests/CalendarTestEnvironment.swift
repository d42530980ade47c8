import CalendarCore
import Foundation
import Hummingbird
import HummingbirdTesting
import JobQueue
import LinliTestSupport
import Models
import Postgres
import ServiceKit
import ServiceTestSupport

@testable import CalendarService

/// The calendar on a test database, with a small city in its projection and helpers for requests.
/// (`@unchecked`: the router is built once, before any request, and only read afterwards.)
struct CalendarTestEnvironment: @unchecked Sendable {
    let environment: ServiceTestEnvironment
    let service: CalendarService
    let router: Router<LinliRequestContext>

    /// Every topic the calendar publishes, received by an `observer` queue so tests can see what was published.
    static let calendarTopics = [
        ThemePublished.topic, ActivityPublished.topic, ActivityChanged.topic, ActivityCancelled.topic, RegistrationCreated.topic,
        RegistrationCancelled.topic, RegistrationPromoted.topic, AttendanceRecorded.topic, ActivityHeld.topic,
    ]

    static func make(_ label: String = #function, clock: @escaping @Sendable () -> Date = { Date() }) async throws -> CalendarTestEnvironment {
        let environment = try await ServiceTestEnvironment.make(
            service: "calendar",
            migrations: [try CalendarService.migrations()],
            openAPI: try CalendarService.openAPIDocument(),
            label: label
        )
        try await environment.runtime.jobs.subscribe(queue: "observer", to: calendarTopics)
        let service = CalendarService(
            runtime: environment.runtime,
            configuration: CalendarConfiguration(publicURL: "https://cal.linli.example"),
            clock: WallClock(clock)
        )
        let router = environment.runtime.makeRouter()
        service.addRoutes(to: router)
        let made = CalendarTestEnvironment(environment: environment, service: service, router: router)
        try await made.seedCity()
        return made
    }

    /// The same calendar seen at another time (for check-ins after the start, registration windows…).
    func at(_ clock: @escaping @Sendable () -> Date) -> CalendarTestEnvironment {
        let later = CalendarService(runtime: runtime, configuration: service.configuration, clock: WallClock(clock))
        let router = runtime.makeRouter()
        later.addRoutes(to: router)
        return CalendarTestEnvironment(environment: environment, service: later, router: router)
    }

    var runtime: LinliRuntime { environment.runtime }
    var pool: PostgresPool { environment.runtime.pool }

    /// Sends a request and returns the status and body.
    func send(_ method: HTTPRequest.Method, _ uri: String, _ json: String? = nil, as principal: Principal?) async throws -> Reply {
        var headers = principal == nil ? HTTPFields() : try await environment.authorization(principal!)
        headers[.contentType] = "application/json"
        let headersToSend = headers
        return try await runtime.makeApplication(router: router).test(.router) { client in
            try await client.execute(uri: uri, method: method, headers: headersToSend, body: json.map { ByteBuffer(string: $0) }) { response in
                Reply(status: response.status, body: Data(response.body.readableBytesView), headers: response.headers)
            }
        }
    }

    /// Counts rows with a query.
    func count(_ sql: SQL) async throws -> Int {
        try await environment.count(sql)
    }

    /// Jobs the calendar published to the observer queue, by topic.
    func published(_ topic: String) async throws -> Int {
        try await count("SELECT count(*) FROM queue.jobs WHERE queue = 'observer' AND kind = \(topic)")
    }

    /// The payloads of the events of a topic, oldest first.
    func events<Event: DomainEvent>(_ type: Event.Type) async throws -> [Event] {
        let rows = try await pool.query(
            "SELECT payload FROM queue.jobs WHERE queue = 'observer' AND kind = \(Event.topic) ORDER BY id"
        )
        return try rows.map { row in
            let raw = try row.decode("payload", as: PostgresJSONB.self)
            return try LinliJSON.makeDecoder().decode(Event.self, from: Data(raw.json))
        }
    }
}

/// A response: status and body.
struct Reply: Sendable {
    let status: HTTPResponse.Status
    let body: Data
    let headers: HTTPFields

    func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        do {
            return try LinliJSON.makeDecoder().decode(T.self, from: body)
        } catch {
            throw TestFailure("cannot decode \(T.self) from \(status): \(text)")
        }
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The problem's field names.
    var fields: [String] { ((try? decode(ProblemBody.self))?.errors ?? []).map(\.field) }

    /// The problem's code (the last part of its type).
    var code: String? { (try? decode(ProblemBody.self))?.type.split(separator: "/").last.map(String.init) }
}
