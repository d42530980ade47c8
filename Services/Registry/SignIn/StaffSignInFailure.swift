import Foundation

/// Why a staff sign-in failed. Domain code (desks, the OIDC client) throws it; `StaffSignInRoutes`
/// alone turns it into problem+json (and "browser" into a Chinese page), so no HTTP type is needed
/// here. None of the cases carries a token, a code, a secret or the provider's own error text.
enum StaffSignInFailure: Error, Sendable, Equatable {
    /// Single sign-on is not configured in this deployment.
    case notConfigured
    /// The callback's `state` is unknown, expired or already used.
    case stateUnknown
    /// The provider could not be reached, or answered discovery, JWKS or the token request with
    /// something unreadable.
    case providerUnavailable
    /// The token endpoint refused the code (a wrong code, redirect URL or PKCE verifier).
    case codeRefused
    /// The id_token failed a check: `reason` names which (signature, issuer, audience, expired, nonce, claims).
    case idTokenInvalid(_ reason: String)
    /// The account holds no post (or the provider named none), so it cannot sign in.
    case noPost
    /// The posts named mix roles (an area post with a compound post, say).
    case postsMixed
    /// The account is disabled.
    case accountDisabled
    /// Wrong login, password or TOTP code (which one is not told).
    case badCredentials
    /// Too many failures: locked until this moment.
    case locked(until: Date)

    /// The stable code of the problem (`https://linli.dev/problems/{code}`) and of the audit row.
    var code: String {
        switch self {
        case .notConfigured: "oidc-not-configured"
        case .stateUnknown: "oidc-state-unknown"
        case .providerUnavailable: "oidc-provider-unavailable"
        case .codeRefused: "oidc-code-refused"
        case .idTokenInvalid: "oidc-token-invalid"
        case .noPost: "no-post"
        case .postsMixed: "posts-mixed"
        case .accountDisabled: "account-disabled"
        case .badCredentials: "sign-in-failed"
        case .locked: "account-locked"
        }
    }
}
