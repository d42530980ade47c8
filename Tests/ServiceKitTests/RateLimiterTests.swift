import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import ServiceKit

/// A resolver that takes a sign-in token's scope as written (the kit test service has no records).
struct AsTheTokenSays: ScopeResolver {
    func resolve(_ token: Principal) async throws -> Principal { token }
}

@Suite("Rate limits are held in PostgreSQL, exact under concurrency, and answer 429 with Retry-After")
struct RateLimiterTests {
    static func environment(
        _ extra: [String: String] = [:],
        clock: WallClock = .system,
        label: String = #function
    ) async throws
        -> ServiceTestEnvironment
    {
        try await ServiceTestEnvironment.make(service: "kit", migrations: [], openAPI: "openapi: 3.1.0\n", extra: extra, clock: clock, label: label)
    }

    @Test func concurrentHitsFromTwoLimitersAreCountedExactly() async throws {
        let environment = try await Self.environment()
        // Two limiters on the database stand for two replicas: the count lives in the row, not in either.
        let replicas = [RateLimiter(pool: environment.runtime.pool), RateLimiter(pool: environment.runtime.pool)]
        let decisions = try await withThrowingTaskGroup(of: RateLimiter.Decision.self) { group in
            for n in 0..<60 { group.addTask { try await replicas[n % 2].hit("test:one", limit: 25, per: .seconds(60)) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(decisions.filter { $0 == .allowed }.count == 25)
        for case .refused(let wait) in decisions { #expect((1...60).contains(wait)) }
    }

    @Test func theNextWindowStartsAfresh() async throws {
        let clock = SettableClock(Date(timeIntervalSince1970: 1_800_000_000))  // on a minute boundary
        let environment = try await Self.environment(clock: clock.clock)
        let limiter = RateLimiter(pool: environment.runtime.pool, clock: clock.clock)
        clock.advance(by: 15)
        #expect(try await limiter.hit("test:w", limit: 1, per: .seconds(60)) == .allowed)
        #expect(try await limiter.hit("test:w", limit: 1, per: .seconds(60)) == .refused(retryAfter: 45))
        clock.advance(by: 45)
        #expect(try await limiter.hit("test:w", limit: 1, per: .seconds(60)) == .allowed)
        clock.advance(by: 2 * 86_400)
        #expect(try await limiter.prune() == 2)
    }

    @Test func writesPerCallerAreLimitedButReadsAndAdminsAreNot() async throws {
        let environment = try await Self.environment(["LINLI_RATE_LIMIT_WRITES_PER_MINUTE": "3"])
        let router = environment.runtime.makeRouter()
        router.post("/v1/things") { _, context -> Response in
            _ = try context.requirePrincipal()
            return Response(status: .created)
        }
        router.get("/v1/things") { _, _ in "[]" }
        environment.runtime.scopes.install(AsTheTokenSays())
        let resident = try await environment.authorization(
            Principal(subject: "account:1", role: .resident, householdIDs: [1], residentID: 1, accountID: 1)
        )
        let neighbour = try await environment.authorization(
            Principal(subject: "account:2", role: .resident, householdIDs: [2], residentID: 2, accountID: 2)
        )
        let admin = try await environment.authorization(Principal(subject: "account:3", role: .admin, accountID: 3))
        let operatorTool = try await environment.authorization(Principal(subject: "resident:9", role: .resident, householdIDs: [9], residentID: 9))
        try await environment.runtime.makeApplication(router: router).test(.router) { client in
            for _ in 0..<3 { try await client.execute(uri: "/v1/things", method: .post, headers: resident) { #expect($0.status == .created) } }
            try await client.execute(uri: "/v1/things", method: .post, headers: resident) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[.contentType] == "application/problem+json")
                let wait = try #require(response.headers[.retryAfter].flatMap(Int.init))
                #expect((1...60).contains(wait))
            }
            try await client.execute(uri: "/v1/things", method: .get, headers: resident) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/things", method: .post, headers: neighbour) { #expect($0.status == .created) }
            for _ in 0..<5 { try await client.execute(uri: "/v1/things", method: .post, headers: admin) { #expect($0.status == .created) } }
            for _ in 0..<5 {
                try await client.execute(uri: "/v1/things", method: .post, headers: operatorTool) { #expect($0.status == .created) }
            }
        }
    }

    @Test func aFloodOfBadTokensTurnsInto429sWhileGoodTokensStillPass() async throws {
        let environment = try await Self.environment(["LINLI_RATE_LIMIT_AUTH_FAILURES_PER_MINUTE": "3"])
        let router = environment.runtime.makeRouter()
        router.get("/v1/private") { _, context -> String in try context.requirePrincipal().subject }
        let good = try await environment.authorization(Principal(subject: "staff:li", role: .secretary, compoundIDs: [1]))
        let forger = try await TokenIssuer.generate(kid: ServiceTestEnvironment.kid)
        let bad: HTTPFields = [.authorization: "Bearer \(try await forger.mint(Principal(subject: "staff:x", role: .admin)))"]
        try await environment.runtime.makeApplication(router: router).test(.live) { client in
            for _ in 0..<3 { try await client.execute(uri: "/v1/private", method: .get, headers: bad) { #expect($0.status == .unauthorized) } }
            for _ in 0..<3 {
                try await client.execute(uri: "/v1/private", method: .get, headers: bad) { response in
                    #expect(response.status == .tooManyRequests)
                    #expect(response.headers[.retryAfter].flatMap(Int.init) != nil)
                }
            }
            try await client.execute(uri: "/v1/private", method: .get, headers: good) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "staff:li")
            }
        }
    }

    @Test func aTrustedProxysForwardedAddressIsTheCallersAndNoOneElses() {
        let trusted: Set<String> = ["10.0.0.2"]
        #expect(ClientAddressMiddleware.address(peer: "10.0.0.2", forwardedFor: "1.2.3.4, 10.0.0.2", trusted: trusted) == "1.2.3.4")
        #expect(ClientAddressMiddleware.address(peer: "10.0.0.2", forwardedFor: "6.6.6.6, 1.2.3.4", trusted: trusted) == "1.2.3.4")
        #expect(ClientAddressMiddleware.address(peer: "5.5.5.5", forwardedFor: "1.2.3.4", trusted: trusted) == "5.5.5.5")
        #expect(ClientAddressMiddleware.address(peer: nil, forwardedFor: "1.2.3.4", trusted: trusted) == nil)
    }
}
