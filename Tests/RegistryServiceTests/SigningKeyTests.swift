import Foundation
import Hummingbird
import HummingbirdTesting
import Postgres
import RegistryService
import ServiceKit
import ServiceTestSupport
import Testing

@Suite("The registry alone signs: its first key at start, rotation with an overlap")
struct SigningKeyTests {
    static let admin = Principal(subject: "staff:admin", role: .admin)

    @Test func theFirstKeyIsMadeOnceAndItsTokensPassTheRegistrysOwnVerifier() async throws {
        let env = try await RegistryTestEnvironment.make()
        let service = RegistryService(
            runtime: env.runtime,
            configuration: try RegistryConfiguration(environment: ["LINLI_REGISTRY_DATA_KEY": RegistryTestEnvironment.dataKey])
        )
        try await service.prepare()
        try await service.prepare()  // a second replica starting finds the key
        #expect(try await env.pool.query("SELECT count(*) FROM registry.signing_keys").scalar(Int.self) == 1)
        #expect(try await env.pool.query("SELECT count(*) FROM auth.verification_keys").scalar(Int.self) == 1)
        let issuer = try await SigningKeyStore(pool: env.pool).issuer()
        var signed = HTTPFields()
        signed[.authorization] = "Bearer \(try await issuer.mint(Self.admin))"
        let headers = signed
        try await env.test { client in
            try await client.execute(uri: "/v1/admin/queue", method: .get, headers: headers) { #expect($0.status == .ok) }
        }
    }

    @Test func aRotationPublishesAtOnceSignsTwoMinutesLaterAndRetiresTheOldKeyAfterItsTokens() async throws {
        let clock = SettableClock(Date())
        let env = try await RegistryTestEnvironment.make(clock: clock.clock)
        let store = SigningKeyStore(pool: env.pool, clock: clock.clock)
        let verifier = try await TokenVerifier(issuer: "linli", pool: env.pool, clock: clock.clock, unknownKeyRefreshInterval: .zero)
        let first = try #require(try await store.ensureKey())
        let oldToken = try await store.issuer().mint(Self.admin, now: clock.now)
        #expect(try await verifier.verify(oldToken) == Self.admin)

        let next = try await store.rotate(tokenLifetime: 600)
        #expect(next.signsFrom == clock.now.addingTimeInterval(SigningKeyStore.rotationLead))
        #expect(try await store.issuer().kid == first)  // the old key signs for two more minutes
        let keys = try await store.list()
        #expect(keys.map(\.kid) == [next.kid, first])
        let old = try #require(keys.last)
        // PostgreSQL keeps microseconds: compare to the millisecond.
        #expect(abs(try #require(old.retiredAt).timeIntervalSince(next.signsFrom)) < 0.001)
        #expect(abs(try #require(old.retireAfter).timeIntervalSince(next.signsFrom.addingTimeInterval(600 + TokenVerifier.leeway))) < 0.001)

        clock.advance(by: SigningKeyStore.rotationLead + 1)
        let newIssuer = try await store.issuer()
        #expect(newIssuer.kid == next.kid)
        let newToken = try await newIssuer.mint(Self.admin, now: clock.now)
        #expect(try await verifier.verify(newToken) == Self.admin)  // picked up without a restart
        #expect(try await verifier.verify(oldToken) == Self.admin)  // the overlap

        clock.advance(by: 600 + TokenVerifier.leeway)
        await #expect(throws: APIError.self) { try await verifier.verify(oldToken) }  // not expired, but its key retired
        #expect(try await verifier.verify(newToken) == Self.admin)
    }
}
