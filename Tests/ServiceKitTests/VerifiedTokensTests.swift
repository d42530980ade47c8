import Foundation
import Postgres
import ServiceKit
import ServiceTestSupport
import Testing

@testable import ServiceKit

@Suite("A token seen before skips only its signature check: its key and times are checked every time")
struct VerifiedTokensTests {
    static let principal = Principal(subject: "staff:li", role: .secretary, compoundIDs: [1])

    @Test func aRememberedTokenStillExpires() async throws {
        let clock = SettableClock(Date())
        let issuer = try await TokenIssuer.generate(kid: "k")
        let verifier = try await TokenVerifier(issuer: "linli", staticKeys: [issuer.kid: issuer.publicKey], pool: nil, clock: clock.clock)
        let token = try await issuer.mint(Self.principal, lifetime: 900, now: clock.now)
        #expect(try await verifier.verify(token) == Self.principal)
        #expect(try await verifier.verify(token) == Self.principal)
        #expect(verifier.rememberedTokens == 1)
        clock.advance(by: 900 + TokenVerifier.leeway + 1)
        await #expect(throws: APIError.self) { try await verifier.verify(token) }
    }

    @Test func aRememberedTokenOfARetiredKeyFails() async throws {
        let environment = try await ServiceTestEnvironment.make(service: "kit", migrations: [], openAPI: "openapi: 3.1.0\n")
        let pool = environment.runtime.pool
        let clock = SettableClock(Date())
        let verifier = try await TokenVerifier(issuer: "linli", pool: pool, clock: clock.clock, unknownKeyRefreshInterval: .zero)
        let issuer = try await TokenIssuer.generate(kid: "retiring")
        let retireAfter = clock.now.addingTimeInterval(600)
        try await pool.execute(
            "INSERT INTO auth.verification_keys (kid, public_key, retire_after) VALUES (\(issuer.kid), \(issuer.publicKey), \(retireAfter))"
        )
        await verifier.refresh()
        let token = try await issuer.mint(Self.principal, lifetime: 3600, now: clock.now)
        #expect(try await verifier.verify(token) == Self.principal)
        #expect(verifier.rememberedTokens == 1)
        clock.advance(by: 601)  // the token has not expired, its key has retired
        await #expect(throws: APIError.self) { try await verifier.verify(token) }
    }

    @Test func aTokenChangedInOneByteIsVerifiedInFull() async throws {
        let issuer = try await TokenIssuer.generate(kid: "k")
        let verifier = try await TokenVerifier(issuer: "linli", staticKeys: [issuer.kid: issuer.publicKey], pool: nil)
        let token = try await issuer.mint(Self.principal)
        _ = try await verifier.verify(token)
        var bytes = Array(token.utf8)
        let last = bytes.count - 2  // inside the signature, not its padding bits
        bytes[last] = bytes[last] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let changed = String(decoding: bytes, as: UTF8.self)
        #expect(changed != token)
        await #expect(throws: APIError.self) { try await verifier.verify(changed) }
        #expect(verifier.rememberedTokens == 1)
    }

    @Test func theCacheIsBounded() async throws {
        let issuer = try await TokenIssuer.generate(kid: "k")
        let verifier = try await TokenVerifier(
            issuer: "linli",
            staticKeys: [issuer.kid: issuer.publicKey],
            pool: nil,
            cacheCapacity: 3
        )
        for n in 0..<7 {
            let token = try await issuer.mint(Principal(subject: "resident:\(n)", role: .resident, householdIDs: [n], residentID: n))
            #expect(try await verifier.verify(token).residentID == n)
            #expect(verifier.rememberedTokens <= 3)
        }
    }
}
