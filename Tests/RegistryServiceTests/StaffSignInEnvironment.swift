import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import LinliTestSupport
import NIOHTTP1
import Postgres
import RegistryService
import ServiceKit
import ServiceTestSupport

/// The registry with staff sign-in's routes on a test database, its first signing key made, a small
/// city, and (for the OIDC suites) configured against an ``OidcProviderStandIn``.
/// (`@unchecked`: the router is built once, before any request, and only read afterwards.)
struct StaffSignInEnvironment: @unchecked Sendable {
    let environment: ServiceTestEnvironment
    let router: Router<LinliRequestContext>
    let city: CityFixture
    let clock: WallClock

    static let redirectURL = "http://127.0.0.1:1/auth/oidc/callback"

    static func make(
        _ label: String = #function,
        provider: OidcProviderStandIn? = nil,
        clock: WallClock = .system
    ) async throws
        -> StaffSignInEnvironment
    {
        let environment = try await ServiceTestEnvironment.make(
            service: "registry",
            migrations: [try RegistryService.migrations()],
            openAPI: try RegistryService.openAPIDocument(),
            clock: clock,
            label: label
        )
        var settings = ["LINLI_REGISTRY_DATA_KEY": RegistryTestEnvironment.dataKey]
        if let provider {
            settings["LINLI_OIDC_ISSUER"] = provider.issuer
            settings["LINLI_OIDC_CLIENT_ID"] = OidcProviderStandIn.clientID
            settings["LINLI_OIDC_CLIENT_SECRET"] = OidcProviderStandIn.clientSecret
            settings["LINLI_OIDC_REDIRECT_URL"] = redirectURL
        }
        let service = RegistryService(runtime: environment.runtime, configuration: try RegistryConfiguration(environment: settings))
        try await service.prepare()
        let router = environment.runtime.makeRouter()
        service.addRoutes(to: router)
        let city = try await CityFixture.make(on: environment.runtime.pool)
        return StaffSignInEnvironment(environment: environment, router: router, city: city, clock: clock)
    }

    var runtime: LinliRuntime { environment.runtime }
    var pool: PostgresPool { environment.runtime.pool }

    func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await runtime.makeApplication(router: router).test(.router, body)
    }

    /// The principal a token of the registry's stands for, by a verifier reading the published keys
    /// afresh (the runtime's rereads an unknown key at most every 5 s of its clock, which a test may hold still).
    func principal(of token: String) async throws -> Principal {
        try await TokenVerifier(issuer: "linli", pool: pool, clock: clock, unknownKeyRefreshInterval: .zero).verify(token)
    }

    /// The audit rows' `detail`s of an action, oldest first.
    func auditDetails(_ action: String = "sign-in") async throws -> [String] {
        try await pool.query("SELECT coalesce(detail, outcome) FROM registry.sign_in_audit WHERE action = \(action) ORDER BY id")
            .map { try $0.decode(0, as: String.self) }
    }

    /// `GET /auth/oidc/start`, then the provider's `/authorize` over real HTTP (no redirects followed).
    /// - Returns: the `code` and `state` the provider sent back.
    static func authorize(_ client: any TestClientProtocol, next: String = "/dashboard") async throws -> (code: String, state: String) {
        let start = try await client.execute(uri: "/auth/oidc/start?next=\(next)", method: .get)
        guard start.status == .found, let location = start.headers[.location] else {
            throw TestFailure("start answered \(start.status): \(String(buffer: start.body))")
        }
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        defer { _ = http.shutdown() }
        let answer = try await http.execute(HTTPClientRequest(url: location), timeout: .seconds(5))
        guard answer.status == .found, let back = answer.headers.first(name: "Location"),
            let items = URLComponents(string: back)?.queryItems,
            let code = items.first(where: { $0.name == "code" })?.value, let state = items.first(where: { $0.name == "state" })?.value
        else { throw TestFailure("authorize answered \(answer.status)") }
        return (code, state)
    }

    /// The callback's URI for a code and state.
    static func callback(code: String, state: String) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        return
            "/auth/oidc/callback?code=\(code.addingPercentEncoding(withAllowedCharacters: allowed)!)&state=\(state.addingPercentEncoding(withAllowedCharacters: allowed)!)"
    }
}

/// The parts of a token pair the tests read.
struct SignedIn: Decodable {
    struct Account: Decodable {
        let id: Int
        let posts: [Post]
    }
    struct Post: Decodable, Equatable {
        let kind: String
        let areaID: Int?
        let compoundID: Int?
    }
    let accessToken: String
    let refreshToken: String
    let account: Account
}

/// The OIDC callback's JSON.
struct OidcSignedIn: Decodable {
    let tokens: SignedIn
    let next: String
}
