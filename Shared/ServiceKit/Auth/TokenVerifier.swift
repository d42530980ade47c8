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
        let keys: JWTKeyCollection

        init(publicKey: Data, retireAfter: Date?) async throws {
            self.publicKey = publicKey
            self.retireAfter = retireAfter
            keys = JWTKeyCollection()
            await keys.add(eddsa: try EdDSA.PublicKey(x: Base64URL.encode(publicKey), curve: .ed25519))
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

    /// Creates a verifier.
    /// - Parameters:
    ///   - issuer: the `iss` tokens must carry.
    ///   - staticKeys: `kid` → 32-byte public key, from configuration.
    ///   - pool: where `auth.verification_keys` is read (`nil`: the static keys only).
    ///   - clock: what "now" is for `exp`, `nbf`, `iat` and `retire_after`.
    ///   - unknownKeyRefreshInterval: the shortest time between reads caused by unknown keys.
    /// - Throws: when a static key is not an Ed25519 public key.
    public init(
        issuer: String,
        staticKeys: [String: Data] = [:],
        pool: PostgresPool?,
        clock: WallClock = .system,
        logger: Logger = Logger(label: "linli.tokens"),
        unknownKeyRefreshInterval: Duration = TokenVerifier.unknownKeyRefreshInterval
    ) async throws {
        self.issuer = issuer
        self.pool = pool
        self.clock = clock
        self.logger = logger
        self.minimumInterval = unknownKeyRefreshInterval
        var keys: [String: Key] = [:]
        for (kid, publicKey) in staticKeys { keys[kid] = try await Key(publicKey: publicKey, retireAfter: nil) }
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
                        keys[kid] = try await Key(publicKey: publicKey, retireAfter: retireAfter)
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
    /// - Throws: ``APIError`` 401 with a reason safe to show (never the token).
    public func verify(_ token: String) async throws -> Principal {
        let header = try Self.header(of: token)
        guard header.alg == "EdDSA" else { throw APIError.unauthenticated("the bearer token must be signed with EdDSA") }
        guard let kid = header.kid, !kid.isEmpty else { throw APIError.unauthenticated("the bearer token names no key (kid)") }
        guard let key = await key(for: kid) else { throw APIError.unauthenticated("the bearer token is signed by an unknown key") }
        let now = clock.now()
        if let retireAfter = key.retireAfter, retireAfter <= now {
            throw APIError.unauthenticated("the bearer token is signed by a retired key")
        }
        let claims: LinliClaims
        do {
            claims = try await key.keys.verify(token, as: LinliClaims.self)
        } catch {
            throw APIError.unauthenticated("the bearer token is not valid or has expired")
        }
        guard claims.iss.value == issuer else { throw APIError.unauthenticated("the bearer token is from another issuer") }
        guard now <= claims.exp.value.addingTimeInterval(Self.leeway) else {
            throw APIError.unauthenticated("the bearer token is not valid or has expired")
        }
        if let nbf = claims.nbf, nbf.value > now.addingTimeInterval(Self.leeway) {
            throw APIError.unauthenticated("the bearer token is not valid yet")
        }
        guard claims.iat.value <= now.addingTimeInterval(Self.leeway) else {
            throw APIError.unauthenticated("the bearer token was issued in the future")
        }
        guard Principal.Role.all.contains(claims.role) else { throw APIError.unauthenticated("the bearer token has an unknown role") }
        return claims.principal
    }

    private struct Header: Decodable {
        var alg: String?
        var kid: String?
    }

    private static func header(of token: String) throws -> Header {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let json = Base64URL.decode(parts[0]), let header = try? JSONDecoder().decode(Header.self, from: json) else {
            throw APIError.unauthenticated("the bearer token is not valid or has expired")
        }
        return header
    }
}
