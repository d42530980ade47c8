import Crypto
import Foundation

/// The secrets of one authorization-code sign-in (RFC 7636 PKCE, OpenID Connect `state` and
/// `nonce`): each 32 random bytes, base64url without padding.
///
/// `state` ties the callback to the start; `nonce` ties the id_token to the start; the verifier
/// proves to the token endpoint that whoever redeems the code started the flow (its S256 challenge
/// went out in the authorize URL; the verifier itself never leaves the registry).
struct OidcPKCE: Sendable, Equatable {
    let state: String
    let nonce: String
    let verifier: String

    /// Fresh random secrets.
    static func fresh() -> OidcPKCE {
        OidcPKCE(state: randomToken(), nonce: randomToken(), verifier: randomToken())
    }

    /// The S256 challenge of the verifier: base64url(SHA-256(verifier)).
    var challenge: String { Self.challenge(of: verifier) }

    /// The S256 challenge of a verifier.
    static func challenge(of verifier: String) -> String {
        base64URL(Data(SHA256.hash(data: Data(verifier.utf8))))
    }

    /// SHA-256 of a state, as stored (the state itself is not kept).
    static func stateHash(_ state: String) -> Data { Data(SHA256.hash(data: Data(state.utf8))) }

    /// 32 random bytes, base64url.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return base64URL(Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }))
    }

    /// base64url without padding (RFC 4648 §5).
    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes base64url with or without padding.
    static func fromBase64URL(_ text: some StringProtocol) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
