import Crypto
import Foundation
import Postgres
import ServiceKit

/// The registry's token signing keys (`registry.signing_keys`) and their published public halves
/// (`auth.verification_keys`), written together in one transaction.
///
/// The registry makes its first key at start (``ensureKey()``); `linli keys rotate` makes the next
/// (``rotate(tokenLifetime:)``); `linli token`, the seed and the registry sign with ``issuer(name:)``.
public struct SigningKeyStore: Sendable {
    /// How long after a rotation the new key starts signing: every verifier reads the published keys
    /// at least every ``TokenVerifier/refreshInterval``, so each knows the new key before it meets a token of it.
    public static let rotationLead: TimeInterval = 120

    /// A key as `linli keys list` shows it (never its private half).
    public struct Record: Sendable, Equatable {
        public let kid: String
        public let createdAt: Date
        public let signsFrom: Date
        public let retiredAt: Date?
        /// When verifiers stop trusting it (`nil`: not scheduled).
        public let retireAfter: Date?
    }

    let pool: PostgresPool
    let clock: WallClock

    /// A store on the registry's database.
    public init(pool: PostgresPool, clock: WallClock = .system) {
        self.pool = pool
        self.clock = clock
    }

    /// Makes and publishes the first key when there is none (once, however many replicas start together).
    /// - Returns: the new key's id, or `nil` when a key existed.
    @discardableResult
    public func ensureKey() async throws -> String? {
        let now = clock.now()
        return try await pool.withTransaction { tx in
            try tx.execute("SELECT pg_advisory_xact_lock(hashtext('linli.signing_keys'))")
            let count = try tx.query("SELECT count(*) FROM registry.signing_keys").scalar(Int.self) ?? 0
            guard count == 0 else { return nil }
            let kid = TokenIssuer.newKid(now: now)
            try Self.insert(kid: kid, key: Curve25519.Signing.PrivateKey(), now: now, signsFrom: now, on: tx)
            return kid
        }
    }

    /// Makes the next key: published now, signing from now + ``rotationLead``; the keys before it stop
    /// signing then and are trusted until that moment + `tokenLifetime` + ``TokenVerifier/leeway``.
    /// - Returns: the new key.
    public func rotate(tokenLifetime: TimeInterval = TokenIssuer.defaultLifetime) async throws -> Record {
        let now = clock.now()
        let signsFrom = now.addingTimeInterval(Self.rotationLead)
        let retireAfter = signsFrom.addingTimeInterval(tokenLifetime + TokenVerifier.leeway)
        let kid = TokenIssuer.newKid(now: now)
        try await pool.withTransaction { tx in
            try tx.execute("SELECT pg_advisory_xact_lock(hashtext('linli.signing_keys'))")
            try tx.execute("UPDATE registry.signing_keys SET retired_at = \(signsFrom) WHERE retired_at IS NULL")
            try tx.execute(
                """
                UPDATE auth.verification_keys SET retire_after = \(retireAfter)
                WHERE kid IN (SELECT kid FROM registry.signing_keys) AND (retire_after IS NULL OR retire_after > \(retireAfter))
                """
            )
            try Self.insert(kid: kid, key: Curve25519.Signing.PrivateKey(), now: now, signsFrom: signsFrom, on: tx)
        }
        return Record(kid: kid, createdAt: now, signsFrom: signsFrom, retiredAt: nil, retireAfter: nil)
    }

    /// Every key, the newest first.
    public func list() async throws -> [Record] {
        let rows = try await pool.query(
            """
            SELECT s.kid, s.created_at, s.signs_from, s.retired_at, v.retire_after
            FROM registry.signing_keys s LEFT JOIN auth.verification_keys v USING (kid)
            ORDER BY s.signs_from DESC, s.created_at DESC
            """
        )
        return try rows.map { row in
            Record(
                kid: try row.decode(0, as: String.self),
                createdAt: try row.decode(1, as: Date.self),
                signsFrom: try row.decode(2, as: Date.self),
                retiredAt: try row.decode(3, as: Date?.self),
                retireAfter: try row.decode(4, as: Date?.self)
            )
        }
    }

    /// An issuer with the key that signs now: the one with the latest `signs_from` not in the future.
    /// - Throws: ``SigningKeyError`` when the registry has no key yet (it makes one at start).
    public func issuer(name: String = "linli") async throws -> TokenIssuer {
        let rows = try await pool.query(
            "SELECT kid, private_key FROM registry.signing_keys WHERE signs_from <= \(clock.now()) ORDER BY signs_from DESC LIMIT 1"
        )
        guard let row = rows.first else { throw SigningKeyError() }
        return try await TokenIssuer(kid: try row.decode(0, as: String.self), privateKey: try row.decode(1, as: Data.self), issuer: name)
    }

    private static func insert(
        kid: String,
        key: Curve25519.Signing.PrivateKey,
        now: Date,
        signsFrom: Date,
        on tx: isolated PostgresConnection
    ) throws {
        try tx.execute(
            """
            INSERT INTO registry.signing_keys (kid, private_key, created_at, signs_from)
            VALUES (\(kid), \(key.rawRepresentation), \(now), \(signsFrom))
            """
        )
        try tx.execute(
            "INSERT INTO auth.verification_keys (kid, public_key, created_at) VALUES (\(kid), \(key.publicKey.rawRepresentation), \(now))"
        )
    }
}

/// The registry has no signing key yet.
public struct SigningKeyError: Error, CustomStringConvertible {
    public var description: String { "the registry has no signing key yet (it makes one when it starts)" }
}
