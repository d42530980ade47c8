import ArgumentParser
import Foundation
import JWTKit
import ServiceKit

/// `linli-bench tokens`: bearer-token verifications per second, EdDSA (what every service does now)
/// against the HS256 it replaced, in one run, on one core and on all of them.
struct TokenBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Token verifications per second: EdDSA (TokenVerifier) vs the old HS256 (jwt-kit), one run."
    )

    /// The shared options (`--write`); the database is not used: verification never touches it.
    @OptionGroup var options: BenchOptions
    @Option(help: "Verifications per measurement.") var verifications = 20_000

    /// The claims the old HS256 tokens carried (HS256 is kept only here, for the comparison).
    struct OldClaims: JWTPayload {
        var sub: SubjectClaim
        var iss: IssuerClaim
        var iat: IssuedAtClaim
        var exp: ExpirationClaim
        var role: String
        var compounds: [Int]

        func verify(using algorithm: some JWTAlgorithm) async throws { try exp.verifyNotExpired() }
    }

    func run() async throws {
        let principal = Principal(subject: "staff:bench", role: .secretary, compoundIDs: [1, 2, 3])
        let issuer = try await TokenIssuer.generate(kid: "bench")
        let verifier = try await TokenVerifier(issuer: "linli", staticKeys: [issuer.kid: issuer.publicKey], pool: nil)
        let uncached = try await TokenVerifier(issuer: "linli", staticKeys: [issuer.kid: issuer.publicKey], pool: nil, cacheCapacity: 0)
        let eddsa = try await issuer.mint(principal)
        let hmac = JWTKeyCollection()
        await hmac.add(hmac: HMACKey(from: String(repeating: "b", count: 48)), digestAlgorithm: .sha256)
        let now = Date()
        let hs256 = try await hmac.sign(
            OldClaims(
                sub: .init(value: principal.subject),
                iss: .init(value: "linli"),
                iat: .init(value: now),
                exp: .init(value: now.addingTimeInterval(3600)),
                role: "secretary",
                compounds: [1, 2, 3]
            )
        )
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let n = verifications
        func measure(tasks: Int, _ verify: @escaping @Sendable () async throws -> Void) async throws -> Double {
            for _ in 0..<200 { try await verify() }  // warm-up
            let started = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<tasks { group.addTask { for _ in 0..<(n / tasks) { try await verify() } } }
                try await group.waitForAll()
            }
            return Double(n / tasks * tasks) / (ContinuousClock.now - started).seconds
        }
        let verifyEdDSA: @Sendable () async throws -> Void = { _ = try await verifier.verify(eddsa) }
        let verifyFirstSight: @Sendable () async throws -> Void = { _ = try await uncached.verify(eddsa) }
        let verifyHS256: @Sendable () async throws -> Void = { _ = try await hmac.verify(hs256, as: OldClaims.self) }
        let eddsaOne = try await measure(tasks: 1, verifyEdDSA)
        let firstOne = try await measure(tasks: 1, verifyFirstSight)
        let hs256One = try await measure(tasks: 1, verifyHS256)
        let eddsaAll = try await measure(tasks: cores, verifyEdDSA)
        let firstAll = try await measure(tasks: cores, verifyFirstSight)
        let hs256All = try await measure(tasks: cores, verifyHS256)

        var report = BenchReport(
            name: "tokens",
            title: "Bearer-token verification: EdDSA vs the old HS256 (`linli-bench tokens`)",
            header: ["algorithm", "verifications/s, 1 task", "µs each", "verifications/s, \(cores) tasks"]
        )
        for (name, one, all) in [
            ("EdDSA, a token seen before (`TokenVerifier`, the common case)", eddsaOne, eddsaAll),
            ("EdDSA, first sight (full Ed25519 check, swift-crypto)", firstOne, firstAll),
            ("HS256 (jwt-kit, the old shared secret)", hs256One, hs256All),
        ] {
            report.rows.append([name, formatRate(one), String(format: "%.1f", 1_000_000 / one), formatRate(all)])
        }
        report.notes.append(
            "\(n) verifications per measurement of one token, after 200 warm-up ones. EdDSA first sight is the whole path a "
                + "new token takes (header and `alg` check, key by `kid`, Ed25519 signature, claims, issuer, `exp`/`nbf`/`iat`); a token seen "
                + "before skips the signature and the decoding but still has its key and times checked; HS256 is jwt-kit's verify of "
                + "the old claims with their `exp` check, kept only in this benchmark."
        )
        report.notes.append(
            String(
                format: "A first-sight EdDSA verification costs %.1f× an HS256 one; a repeat costs %.2f× (a token is sent with every "
                    + "request of its 15 minutes). At 1,000 requests/s of new tokens that is %.1f%% of one core.",
                hs256One / firstOne,
                hs256One / eddsaOne,
                1_000 / firstOne * 100
            )
        )
        report.json = [
            "eddsa_seen_per_s": eddsaOne, "eddsa_first_sight_per_s": firstOne, "hs256_per_s": hs256One,
            "eddsa_seen_all_cores_per_s": eddsaAll, "eddsa_first_sight_all_cores_per_s": firstAll, "hs256_all_cores_per_s": hs256All,
            "cores": cores,
        ]
        try report.publish(to: options.write)
    }
}
