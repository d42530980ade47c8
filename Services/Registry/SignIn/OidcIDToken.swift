import Foundation
import JWTKit

/// The claims of a provider's id_token the registry checks (OpenID Connect Core §3.1.3.7).
///
/// jwt-kit checks the signature against the provider's JWKS; ``check(settings:nonce:now:)`` then checks
/// issuer, audience (and `azp` when there are several), expiry and nonce against the login's own.
/// The posts claim has a configurable name, so it is read from the verified payload by ``OidcClaims``.
struct OidcIDToken: JWTPayload, Equatable {
    var iss: String
    var sub: String
    var aud: AudienceClaim
    var exp: Date
    var iat: Date?
    var nonce: String?
    var azp: String?
    var name: String?
    var preferredUsername: String?

    enum CodingKeys: String, CodingKey {
        case iss, sub, aud, exp, iat, nonce, azp, name
        case preferredUsername = "preferred_username"
    }

    /// How far a provider's clock may be off.
    static let leeway: TimeInterval = 60

    /// The time claims are checked in ``check(settings:nonce:now:)`` with the registry's clock.
    func verify(using algorithm: some JWTAlgorithm) async throws {}

    /// Checks issuer, audience, expiry and nonce.
    /// - Throws: ``StaffSignInFailure/idTokenInvalid(_:)`` naming the first check that failed.
    func check(settings: OidcSettings, nonce expected: String, now: Date) throws(StaffSignInFailure) {
        guard iss == settings.issuer else { throw .idTokenInvalid("issuer") }
        guard aud.value.contains(settings.clientID), aud.value.count == 1 || azp == settings.clientID else {
            throw .idTokenInvalid("audience")
        }
        guard exp.addingTimeInterval(Self.leeway) > now else { throw .idTokenInvalid("expired") }
        if let iat, iat.addingTimeInterval(-Self.leeway) > now { throw .idTokenInvalid("issued in the future") }
        guard let nonce, OidcClaims.constantTimeEqual(nonce, expected) else { throw .idTokenInvalid("nonce") }
        guard !sub.isEmpty, sub.count <= 200 else { throw .idTokenInvalid("subject") }
    }

    /// What the account is shown as: the name, the login name, or the subject.
    var displayName: String {
        let chosen = [name, preferredUsername].compactMap { $0?.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } ?? sub
        return String(chosen.prefix(100))
    }
}

/// Reads a named claim of a JWT whose signature was already verified, and compares secrets.
enum OidcClaims {
    /// The string values of `claim` in the token's payload: an array of strings, or one string.
    static func strings(_ claim: String, of token: String) -> [String] {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = OidcPKCE.fromBase64URL(parts[1]),
            let object = try? JSONSerialization.jsonObject(with: payload) as? [String: Any]
        else { return [] }
        switch object[claim] {
        case let values as [Any]: return values.compactMap { $0 as? String }
        case let value as String: return [value]
        default: return []
        }
    }

    /// Whether two strings are equal, in time that depends on their lengths only.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
