import Crypto
import Foundation
import JWTKit
import Logging
import Postgres
import ServiceLifecycle
import Synchronization

/// Verifies the bearer tokens every service accepts: Ed25519 (EdDSA) JWTs signed by the registry,
/// with the public key their `kid` header names.
///
/// The keys come from two places: the static ones of `LINLI_AUTH_PUBLIC_KEYS`, and the published ones
/// of `auth.verification_keys`, loaded when the verifier runs and then every
/// ``refreshInterval``, and again (at most every ``unknownKeyRefreshInterval``) when a token names
/// a key it does not know — so a key a rotation publishes is picked up without a restart. A
/// published key is dropped once its `retire_after` has passed.
///
/// Every check, in order: the header says `alg: EdDSA` (so `alg: none` and HS256, even one "signed"
/// with the public key's bytes as an HMAC secret, are refused before any key is used), the `kid` is
/// known and not retired, the signature, `iss`, then `exp`, `nbf` and `iat` with ``leeway`` for
/// clocks that disagree. Every refusal is ``APIError/unauthenticated(_:)``, a 401 problem+json.
public final class TokenVerifier: Service, Sendable {
    /// How far the services' clocks may disagree with the registry's: a token is accepted up to
    /// 60 s past its `exp`, and 60 s before its `nbf` or `iat`.
    public static let leeway: TimeInterval = 60
    /// How often the published keys are read again.
    public static let refreshInterval: Duration = .seconds(60)
    /// The shortest time between two reads caused by tokens naming an unknown key.
    public static let unknownKeyRefreshInterval: Duration = .seconds(5)

    /// One public key.
    struct Key: Sendable {
        let publicKey: Data
        let retireAfter: Date?
        let signing: Curve25519.Signing.PublicKey

        init(publicKey: Data, retireAfter: Date?) throws {
            self.publicKey = publicKey
            self.retireAfter = retireAfter
            signing = try Curve25519.Signing.PublicKey(rawRepresentation: publicKey)
        }
    }

    private struct State {
        var published: [String: Key] = [:]
        var lastRead: ContinuousClock.Instant?
        var reading: Task<Void, Never>?
    }

    private let issuer: String
    private let pool: PostgresPool?
    private let clock: WallClock
    private let logger: Logger
    private let minimumInterval: Duration
    private let staticKeys: [String: Key]
    private let state = Mutex(State())
    private let verified: VerifiedTokens

    /// Creates a verifier.
    /// - Parameters:
    ///   - issuer: the `iss` tokens must carry.
    ///   - staticKeys: `kid` → 32-byte public key, from configuration.
    ///   - pool: where `auth.verification_keys` is read (`nil`: the static keys only).
    ///   - clock: what "now" is for `exp`, `nbf`, `iat` and `retire_after`.
    ///   - unknownKeyRefreshInterval: the shortest time between reads caused by unknown keys.
    ///   - cacheCapacity: how many verified tokens are remembered (``VerifiedTokens``; 0: none).
    /// - Throws: when a static key is not an Ed25519 public key.
    public init(
        issuer: String,
        staticKeys: [String: Data] = [:],
        pool: PostgresPool?,
        clock: WallClock = .system,
        logger: Logger = Logger(label: "linli.tokens"),
        unknownKeyRefreshInterval: Duration = TokenVerifier.unknownKeyRefreshInterval,
        cacheCapacity: Int = 10_000
    ) async throws {
        self.verified = VerifiedTokens(capacity: cacheCapacity)
        self.issuer = issuer
        self.pool = pool
        self.clock = clock
        self.logger = logger
        self.minimumInterval = unknownKeyRefreshInterval
        var keys: [String: Key] = [:]
        for (kid, publicKey) in staticKeys { keys[kid] = try Key(publicKey: publicKey, retireAfter: nil) }
        self.staticKeys = keys
    }

    /// The key ids it trusts now (static and published), for logs and tests.
    public var knownKeyIDs: Set<String> {
        Set(staticKeys.keys).union(state.withLock { Set($0.published.keys) })
    }

    /// Reads the published keys, then again every ``refreshInterval`` until shutdown.
    public func run() async throws {
        await refresh()
        // Graceful shutdown cancels the sleep, so stopping never waits for the next read.
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { try await Task.sleep(for: Self.refreshInterval) } catch { return }
                await self.refresh()
            }
        }
    }

    /// Reads `auth.verification_keys` now (a failure is logged and the keys held are kept).
    public func refresh() async {
        let task: Task<Void, Never> = state.withLock { state in
            if let reading = state.reading { return reading }
            let reading = Task {
                await self.read()
                self.state.withLock { $0.reading = nil }
            }
            state.reading = reading
            state.lastRead = .now
            return reading
        }
        await task.value
    }

    private func read() async {
        guard let pool else { return }
        do {
            let rows = try await pool.query(
                "SELECT kid, public_key, retire_after FROM auth.verification_keys WHERE retire_after IS NULL OR retire_after > \(clock.now())"
            )
            let held = state.withLock { $0.published }
            var keys: [String: Key] = [:]
            for row in rows {
                let kid = try row.decode(0, as: String.self)
                let publicKey = try row.decode(1, as: Data.self)
                let retireAfter = try row.decode(2, as: Date?.self)
                if let key = held[kid], key.publicKey == publicKey, key.retireAfter == retireAfter {
                    keys[kid] = key
                } else {
                    do {
                        keys[kid] = try Key(publicKey: publicKey, retireAfter: retireAfter)
                    } catch {
                        logger.error("a published verification key is not an Ed25519 public key", metadata: ["kid": "\(kid)"])
                    }
                }
            }
            let added = Set(keys.keys).subtracting(held.keys)
            state.withLock { $0.published = keys }
            if !added.isEmpty { logger.info("verification keys loaded", metadata: ["added": "\(added.sorted())"]) }
        } catch {
            logger.warning("could not read auth.verification_keys; keeping the keys held", metadata: ["error": "\(error)"])
        }
    }

    /// The key for a kid, reading the published ones again if it is unknown and the last read is old enough.
    private func key(for kid: String) async -> Key? {
        if let key = staticKeys[kid] ?? state.withLock({ $0.published[kid] }) { return key }
        guard pool != nil else { return nil }
        let due = state.withLock { state in
            state.reading != nil || state.lastRead.map { ContinuousClock.now - $0 >= minimumInterval } ?? true
        }
        guard due else { return nil }
        await refresh()
        return state.withLock { $0.published[kid] }
    }

    /// Verifies a token and returns its principal.
    ///
    /// A token seen before (``VerifiedTokens``) skips only the signature check and the decoding; its
    /// key and times are checked again now.
    /// - Throws: ``APIError`` 401 with a reason safe to show (never the token).
    public func verify(_ token: String) async throws -> Principal {
        let now = clock.now()
        if let seen = verified.entry(for: token) {
            try await usableKey(seen.kid, now: now)
            try Self.checkTimes(issuedAt: seen.issuedAt, notBefore: seen.notBefore, expiresAt: seen.expiresAt, now: now)
            return seen.principal
        }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerJSON = Base64URL.decode(parts[0]), let header = try? JSONDecoder().decode(Header.self, from: headerJSON)
        else { throw APIError.unauthenticated("the bearer token is not valid or has expired") }
        guard header.alg == "EdDSA" else { throw APIError.unauthenticated("the bearer token must be signed with EdDSA") }
        guard let kid = header.kid, !kid.isEmpty else { throw APIError.unauthenticated("the bearer token names no key (kid)") }
        let key = try await usableKey(kid, now: now)
        let signed = token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count)
        guard let signature = Base64URL.decode(parts[2]), key.signing.isValidSignature(signature, for: Data(signed)),
            let payload = Base64URL.decode(parts[1]), let claims = try? Self.claimsDecoder.decode(LinliClaims.self, from: payload)
        else { throw APIError.unauthenticated("the bearer token is not valid or has expired") }
        guard claims.iss.value == issuer else { throw APIError.unauthenticated("the bearer token is from another issuer") }
        try Self.checkTimes(issuedAt: claims.iat.value, notBefore: claims.nbf?.value, expiresAt: claims.exp.value, now: now)
        guard Principal.Role.all.contains(claims.role) else { throw APIError.unauthenticated("the bearer token has an unknown role") }
        let principal = claims.principal
        verified.remember(
            token,
            .init(kid: kid, principal: principal, issuedAt: claims.iat.value, notBefore: claims.nbf?.value, expiresAt: claims.exp.value),
            now: now
        )
        return principal
    }

    /// The key a kid names, if it is known and not retired.
    @discardableResult
    private func usableKey(_ kid: String, now: Date) async throws -> Key {
        guard let key = await key(for: kid) else { throw APIError.unauthenticated("the bearer token is signed by an unknown key") }
        if let retireAfter = key.retireAfter, retireAfter <= now {
            throw APIError.unauthenticated("the bearer token is signed by a retired key")
        }
        return key
    }

    /// `exp`, `nbf` and `iat` against now, each with ``leeway``.
    private static func checkTimes(issuedAt: Date, notBefore: Date?, expiresAt: Date, now: Date) throws {
        guard now <= expiresAt.addingTimeInterval(leeway) else {
            throw APIError.unauthenticated("the bearer token is not valid or has expired")
        }
        if let notBefore, notBefore > now.addingTimeInterval(leeway) {
            throw APIError.unauthenticated("the bearer token is not valid yet")
        }
        guard issuedAt <= now.addingTimeInterval(leeway) else {
            throw APIError.unauthenticated("the bearer token was issued in the future")
        }
    }

    /// JWT claims carry times as seconds since 1970 (RFC 7519 NumericDate).
    private static let claimsDecoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()

    /// How many verified tokens are remembered now (for tests).
    var rememberedTokens: Int { verified.count }

    private struct Header: Decodable {
        var alg: String?
        var kid: String?
    }
}
