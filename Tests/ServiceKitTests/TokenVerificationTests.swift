import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Postgres
import ServiceKit
import ServiceTestSupport
import Testing

@Suite("Bearer tokens are EdDSA JWTs of a known key, checked for issuer and time, and keys rotate")
struct TokenVerificationTests {
    static let principal = Principal(subject: "staff:li", role: .secretary, compoundIDs: [1])

    func makeApp() async throws -> (ServiceTestEnvironment, some ApplicationProtocol) {
        let environment = try await ServiceTestEnvironment.make(service: "kit", migrations: [], openAPI: "openapi: 3.1.0\n")
        let router = environment.runtime.makeRouter()
        router.get("/v1/private") { _, context -> String in try context.requirePrincipal().subject }
        return (environment, environment.runtime.makeApplication(router: router))
    }

    static func base64URL(_ data: some DataProtocol) -> String {
        Data(data).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Every way a token can be wrong, each with the token it sends.
    static func badTokens(_ tokens: TokenIssuer) async throws -> [(String, String)] {
        let now = Date()
        let valid = try await tokens.mint(principal).split(separator: ".").map(String.init)
        let payload = try #require(
            Data(
                base64Encoded: valid[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
                    + String(repeating: "=", count: (4 - valid[1].count % 4) % 4)
            )
        )
        let widened = String(decoding: payload, as: UTF8.self).replacingOccurrences(of: #""role":"secretary""#, with: #""role":"admin""#)
        let none = base64URL(Data(#"{"alg":"none","typ":"JWT","kid":"\#(tokens.kid)"}"#.utf8))
        let hs256Header = base64URL(Data(#"{"alg":"HS256","typ":"JWT","kid":"\#(tokens.kid)"}"#.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(hs256Header).\(valid[1])".utf8), using: SymmetricKey(data: tokens.publicKey))
        let otherIssuer = try await TokenIssuer(kid: tokens.kid, privateKey: tokens.privateKey, issuer: "elsewhere")
        return [
            ("expired", try await tokens.mint(principal, lifetime: 60, now: now.addingTimeInterval(-3600))),
            ("not yet valid (nbf an hour ahead)", try await tokens.mint(principal, now: now.addingTimeInterval(3600))),
            ("tampered payload", "\(valid[0]).\(base64URL(Data(widened.utf8))).\(valid[2])"),
            ("signed by an unknown key", try await TokenIssuer.generate(kid: "stranger").mint(principal)),
            ("signed by another key under the known kid", try await TokenIssuer.generate(kid: tokens.kid).mint(principal)),
            ("wrong issuer", try await otherIssuer.mint(principal)),
            ("alg none", "\(none).\(valid[1])."),
            ("HS256 with the public key as the secret", "\(hs256Header).\(valid[1]).\(base64URL(Data(mac)))"),
            ("not a JWT", "not-a-token"),
        ]
    }

    @Test func everyBadTokenIsA401Problem() async throws {
        let (environment, app) = try await makeApp()
        let bad = try await Self.badTokens(environment.tokens)
        try await app.test(.router) { client in
            for (name, token) in bad {
                var headers = HTTPFields()
                headers[.authorization] = "Bearer \(token)"
                try await client.execute(uri: "/v1/private", method: .get, headers: headers) { response in
                    #expect(response.status == .unauthorized, "\(name)")
                    let problem = try response.problem()
                    #expect(problem.status == 401, "\(name)")
                }
            }
            // The leeway: a token whose nbf is 30 s ahead (a registry clock slightly fast) passes.
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(try await environment.tokens.mint(Self.principal, now: Date().addingTimeInterval(30)))"
            try await client.execute(uri: "/v1/private", method: .get, headers: headers) { #expect($0.status == .ok) }
        }
    }

    @Test func aRotationKeepsBothKeysDuringTheOverlapAndDropsTheOldAfterItsRetirement() async throws {
        let environment = try await ServiceTestEnvironment.make(service: "kit", migrations: [], openAPI: "openapi: 3.1.0\n")
        let pool = environment.runtime.pool
        let clock = SettableClock(Date())
        let verifier = try await TokenVerifier(issuer: "linli", pool: pool, clock: clock.clock, unknownKeyRefreshInterval: .zero)
        let old = try await TokenIssuer.generate(kid: "old")
        try await pool.execute("INSERT INTO auth.verification_keys (kid, public_key) VALUES (\(old.kid), \(old.publicKey))")
        await verifier.refresh()
        let oldToken = try await old.mint(Self.principal, now: clock.now)
        #expect(try await verifier.verify(oldToken) == Self.principal)

        // Published without a restart: the first token of the new key makes the verifier read the keys again.
        let new = try await TokenIssuer.generate(kid: "new")
        let retireAfter = clock.now.addingTimeInterval(120 + 3600 + TokenVerifier.leeway)
        try await pool.execute("INSERT INTO auth.verification_keys (kid, public_key) VALUES (\(new.kid), \(new.publicKey))")
        try await pool.execute("UPDATE auth.verification_keys SET retire_after = \(retireAfter) WHERE kid = 'old'")
        let newToken = try await new.mint(Self.principal, lifetime: 8 * 3600, now: clock.now)
        #expect(try await verifier.verify(newToken) == Self.principal)
        #expect(try await verifier.verify(oldToken) == Self.principal)  // the overlap: both pass
        #expect(verifier.knownKeyIDs == ["old", "new"])

        // Past retire_after, the old key's tokens fail (even one that has not expired), the new key's pass.
        clock.advance(by: 120 + 3600 + TokenVerifier.leeway + 1)
        let lateOld = try await old.mint(Self.principal, now: clock.now)
        await #expect(throws: APIError.self) { try await verifier.verify(lateOld) }
        await verifier.refresh()
        #expect(verifier.knownKeyIDs == ["new"])
        await #expect(throws: APIError.self) { try await verifier.verify(lateOld) }
        #expect(try await verifier.verify(newToken) == Self.principal)
    }

    @Test func unknownKeysAreLookedUpAtMostEveryFiveSeconds() async throws {
        let environment = try await ServiceTestEnvironment.make(service: "kit", migrations: [], openAPI: "openapi: 3.1.0\n")
        let verifier = try await TokenVerifier(issuer: "linli", pool: environment.runtime.pool)
        let stranger = try await TokenIssuer.generate(kid: "late").mint(Self.principal)
        await #expect(throws: APIError.self) { try await verifier.verify(stranger) }  // read once: not there
        let late = try await TokenIssuer.generate(kid: "late")
        try await environment.runtime.pool.execute("INSERT INTO auth.verification_keys (kid, public_key) VALUES (\(late.kid), \(late.publicKey))")
        // Within five seconds of the last read, an unknown kid does not make another read.
        await #expect(throws: APIError.self) { try await verifier.verify(try await late.mint(Self.principal)) }
        await verifier.refresh()
        #expect(try await verifier.verify(try await late.mint(Self.principal)) == Self.principal)
    }

    @Test func staticKeysFromConfigurationVerifyWithoutTheTable() async throws {
        let issuer = try await TokenIssuer.generate(kid: "configured")
        let configuration = try ServiceConfiguration(
            serviceName: "kit",
            defaultPort: 0,
            environment: ["LINLI_DATABASE_URL": "postgresql://kit@127.0.0.1:1/none", "LINLI_AUTH_PUBLIC_KEYS": issuer.publicKeyEntry]
        )
        let verifier = try await TokenVerifier(issuer: "linli", staticKeys: configuration.auth.publicKeys, pool: nil)
        #expect(try await verifier.verify(try await issuer.mint(Self.principal)) == Self.principal)
    }
}
