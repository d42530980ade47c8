import Foundation
import JWTKit

/// Signs Linli access tokens: Ed25519 (EdDSA) JWTs naming their key in the `kid` header.
///
/// Only the registry holds private keys (`registry.signing_keys`); the issuer is what the registry,
/// `linli token` and the tests sign with. The services verify with ``TokenVerifier``.
public struct TokenIssuer: Sendable {
    /// How long an access token lives by default (a rotation keeps the old key this long, plus the leeway).
    public static let defaultLifetime: TimeInterval = 8 * 3600

    /// The key's id, in every token's header.
    public let kid: String
    /// The `iss` claim.
    public let issuer: String
    /// The 32-byte Ed25519 private key (seed).
    public let privateKey: Data
    /// The 32-byte Ed25519 public key that verifies its tokens.
    public let publicKey: Data
    private let keys: JWTKeyCollection

    /// An issuer for a private key.
    /// - Throws: when `privateKey` is not a 32-byte Ed25519 key.
    public init(kid: String, privateKey: Data, issuer: String = "linli") async throws {
        let key = try EdDSA.PrivateKey(d: Base64URL.encode(privateKey), curve: .ed25519)
        self.kid = kid
        self.issuer = issuer
        self.privateKey = privateKey
        self.publicKey = key.publicKey.rawRepresentation
        keys = JWTKeyCollection()
        await keys.add(eddsa: key, kid: JWKIdentifier(string: kid))
    }

    /// An issuer with a newly generated key.
    public static func generate(kid: String = Self.newKid(), issuer: String = "linli") async throws -> TokenIssuer {
        try await TokenIssuer(kid: kid, privateKey: try EdDSA.PrivateKey(curve: .ed25519).rawRepresentation, issuer: issuer)
    }

    /// A new key id: the date and a random part (`2026-12-03-4f9a1c`).
    public static func newKid(now: Date = Date()) -> String {
        let day = ISO8601DateFormatter.string(from: now, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        return "\(day)-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
    }

    /// The public key as `LINLI_AUTH_PUBLIC_KEYS` takes it: `kid:base64url`.
    public var publicKeyEntry: String { "\(kid):\(Base64URL.encode(publicKey))" }

    /// Mints a token for a principal, valid from `now` for `lifetime` seconds.
    public func mint(_ principal: Principal, lifetime: TimeInterval = Self.defaultLifetime, now: Date = Date()) async throws -> String {
        try await keys.sign(
            LinliClaims(principal: principal, issuer: issuer, issuedAt: now, expiresAt: now.addingTimeInterval(lifetime)),
            kid: JWKIdentifier(string: kid)
        )
    }
}
