import CalendarCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Postgres
import ServiceKit
import ServiceTestSupport
import Testing

@testable import CalendarService

/// A browser on the calendar's pages: HTML accepted, its cookies kept (the session's access cookie for a
/// principal, the CSRF cookie the pages set), forms posted urlencoded with the CSRF token unless told not to.
struct ActivityPageBrowser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]

    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let html: String

        /// Whether the page carries the web kit's security headers.
        var isGuarded: Bool {
            headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff" && headers[.cacheControl] == "no-store"
                && headers[HTTPField.Name("Content-Security-Policy")!]?.contains("frame-ancestors 'none'") == true
                && headers[HTTPField.Name("X-Frame-Options")!] == "DENY" && headers[HTTPField.Name("Referrer-Policy")!] != nil
        }
    }

    /// A browser signed in as `principal` (the access cookie holds a token the test issuer minted).
    static func signedIn(_ client: any TestClientProtocol, as principal: Principal?, env: CalendarTestEnvironment) async throws -> Self {
        var browser = ActivityPageBrowser(client: client)
        if let principal { browser.cookies[SessionCookies.access] = try await env.environment.tokens.mint(principal) }
        return browser
    }

    mutating func get(_ uri: String) async throws -> Page { try await send(uri, .get, body: nil) }

    mutating func post(_ uri: String, _ fields: [String: String], csrf: Bool = true) async throws -> Page {
        var fields = fields
        if csrf, let token = cookies[SessionCookies.csrf] { fields["_csrf"] = token }
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return try await send(uri, .post, body: body)
    }

    private mutating func send(_ uri: String, _ method: HTTPRequest.Method, body: String?) async throws -> Page {
        var headers = HTTPFields()
        headers[.accept] = "text/html,application/xhtml+xml,*/*;q=0.8"
        if !cookies.isEmpty { headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let page = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            Page(status: response.status, headers: response.headers, html: String(buffer: response.body))
        }
        for cookie in page.headers[values: .setCookie] {
            let pair = cookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if pair.count == 2 { cookies[String(pair[0])] = String(pair[1]) }
        }
        return page
    }
}

extension CalendarTestEnvironment {
    /// Runs `body` with a test client of the calendar's router.
    func pages(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await runtime.makeApplication(router: router).test(.router) { client in try await body(client) }
    }

    /// Adds 5004, the elderly father of 5001, to household 1001 in 枫林小区.
    func seedFather() async throws {
        try await pool.withTransaction { tx in
            try ProjectionStore.apply(
                HouseholdChanged(
                    householdID: 1001,
                    placement: City.placement(household: 1001),
                    dwelling: "1001室",
                    memberIDs: [5001, 5004],
                    dissolved: false,
                    revision: 2
                ),
                on: tx
            )
            try ProjectionStore.apply(
                ResidentRegistered(
                    residentID: 5004,
                    name: "居民5004",
                    phone: "13800005004",
                    birthYear: 1940,
                    placement: City.placement(household: 1001),
                    registeredAt: Date(timeIntervalSince1970: 1_700_000_000),
                    revision: 1
                ),
                on: tx
            )
        }
    }

    /// The registrations as (resident, channel, registered by, status), by id.
    func registrations(occurrenceStart start: String, activity: Int) async throws -> [(Int, String, Int?, String)] {
        let rows = try await pool.query(
            """
            SELECT r.resident_id, r.channel, r.registered_by, r.status FROM calendar.registrations r
            JOIN calendar.occurrences o ON o.id = r.occurrence_id
            WHERE o.activity_id = \(activity) AND o.recurrence_id = \(start) ORDER BY r.id
            """
        )
        return try rows.map { row in
            (
                try row.decode("resident_id", as: Int.self), try row.decode("channel", as: String.self),
                try row.decode("registered_by", as: Int?.self), try row.decode("status", as: String.self)
            )
        }
    }
}

/// The Chinese words of a local start as the page writes them: `12月12日 周六 14:30`.
func pageDay(_ local: String) -> String {
    let time = LocalDateTime(text: local)!
    return
        "\(time.date.month)月\(time.date.day)日 \(WebStrings.Activity.weekdays[time.date.weekday.rawValue - 1]) \(ChineseTime.pad(time.hour)):\(ChineseTime.pad(time.minute))"
}
