import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobQueue
import Postgres
import RegistryService
import ServiceKit
import ServiceTestSupport

/// A registry with a signing key, a movable clock, a small city and residents with phones, for the
/// phone sign-in and session tests. Codes are read from the `signin.code-issued` events (what the
/// SMS carries), as notifications would.
struct SignInFixture: Sendable {
    let env: RegistryTestEnvironment
    let clock: SettableClock
    let city: CityFixture

    /// The phone of the resident made by ``make(_:)`` (张桂兰, household A1).
    static let phone = "13800001234"
    /// A phone no resident has.
    static let unknownPhone = "13900009999"

    static func make(_ label: String = #function) async throws -> SignInFixture {
        let clock = SettableClock(Date())
        let env = try await RegistryTestEnvironment.make(label, clock: clock.clock)
        _ = try await SigningKeyStore(pool: env.pool, clock: clock.clock).ensureKey()
        // Keys sign from the moment they are made: step past it so "now" is never before it.
        clock.advance(by: 1)
        let city = try await CityFixture.make(on: env.pool)
        try await env.runtime.jobs.subscribe(queue: "notifications", to: ["signin.code-issued", "account.changed"])
        let fixture = SignInFixture(env: env, clock: clock, city: city)
        try await fixture.resident("张桂兰", phone: phone, household: city.householdA1)
        return fixture
    }

    /// Registers a resident with a phone through the API (so the phone is sealed and hashed as always).
    @discardableResult
    func resident(_ name: String, phone: String, household: Int) async throws -> Int {
        try await env.test { client in
            let response = try await env.send(
                client,
                .post,
                "/v1/residents",
                as: RegistryTestEnvironment.admin,
                json: #"{"householdID":\#(household),"name":"\#(name)","phone":"\#(phone)"}"#
            )
            guard response.status == .created else { throw FixtureFailure(description: "resident: \(response.status)") }
            return try response.decode(Made.self).id
        }
    }

    /// Asks for a code anonymously, from an address (`X-Forwarded-For` is not trusted: the route
    /// tests have no peer, so the address is given as the desk sees it through `ip`).
    func requestCode(_ client: some TestClientProtocol, phone: String = Self.phone) async throws -> TestResponse {
        try await client.execute(
            uri: "/v1/auth/phone/code",
            method: .post,
            headers: Self.json,
            body: ByteBuffer(string: #"{"phone":"\#(phone)"}"#)
        ) { $0 }
    }

    func verify(_ client: some TestClientProtocol, phone: String = Self.phone, code: String) async throws -> TestResponse {
        try await client.execute(
            uri: "/v1/auth/phone/verify",
            method: .post,
            headers: Self.json,
            body: ByteBuffer(string: #"{"phone":"\#(phone)","code":"\#(code)"}"#)
        ) { $0 }
    }

    func post(_ client: some TestClientProtocol, _ uri: String, refreshToken: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: Self.json, body: ByteBuffer(string: #"{"refreshToken":"\#(refreshToken)"}"#)) {
            $0
        }
    }

    /// The codes sent so far (from the events), oldest first.
    func sentCodes() async throws -> [(phone: String, code: String)] {
        try await env.published("signin.code-issued").map { ($0["phone"] as? String ?? "", $0["code"] as? String ?? "") }
    }

    /// Requests a code and returns it.
    func freshCode(_ client: some TestClientProtocol, phone: String = Self.phone) async throws -> String {
        let response = try await requestCode(client, phone: phone)
        guard response.status == .accepted, let code = try await sentCodes().last(where: { $0.phone == phone })?.code else {
            throw FixtureFailure(description: "no code: \(response.status)")
        }
        return code
    }

    /// Signs in by phone and returns the pair.
    func signIn(_ client: some TestClientProtocol, phone: String = Self.phone) async throws -> Pair {
        let code = try await freshCode(client, phone: phone)
        let response = try await verify(client, phone: phone, code: code)
        guard response.status == .ok else { throw FixtureFailure(description: "verify: \(response.status) \(String(buffer: response.body))") }
        return try response.decode(Pair.self)
    }

    func count(_ sql: String) async throws -> Int { try await env.pool.query(SQL(unsafeSQL: sql)).scalar(Int.self) ?? -1 }

    static var json: HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return headers
    }

    static func bearer(_ token: String) -> HTTPFields {
        var headers = json
        headers[.authorization] = "Bearer \(token)"
        return headers
    }

    struct Made: Decodable { let id: Int }

    /// A sign-in's answer.
    struct Pair: Decodable {
        let accessToken: String
        let refreshToken: String
        let tokenType: String
        let expiresIn: Int
        let account: Account
    }

    struct Account: Decodable {
        let id: Int
        let kind: String
        let status: String
        let residentID: Int?
    }

    struct FixtureFailure: Error, CustomStringConvertible { let description: String }
}

/// A problem document's fields the tests look at.
struct SignInProblem: Decodable {
    let type: String
    let status: Int
    let errors: [Field]?
    struct Field: Decodable { let field: String }
}
