import Foundation
import ServiceKit

/// How the registry signs staff in through an OpenID Connect provider (Keycloak, Casdoor, Authing):
/// the provider's issuer, this deployment's client at it, where the provider sends the browser back,
/// and which claim of the id_token names the staff posts.
///
/// Read from `LINLI_OIDC_*` (see ``RegistryConfiguration``); absent when `LINLI_OIDC_ISSUER` is unset,
/// in which case staff sign in with a password and TOTP only.
public struct OidcSettings: Sendable, Equatable {
    /// The provider's issuer (`iss`), without a trailing slash; discovery is read from
    /// `{issuer}/.well-known/openid-configuration`.
    public var issuer: String
    /// This deployment's client id at the provider: the id_token's audience.
    public var clientID: String
    /// The client secret, sent to the token endpoint only (HTTP Basic); never logged.
    public var clientSecret: String
    /// The registry's callback as registered at the provider (`…/auth/oidc/callback`).
    public var redirectURL: String
    /// The id_token claim whose values name the posts (`groups`): `linli:compound-secretary:12`,
    /// `linli:community:7`, `linli:operator`; values without the `linli:` prefix are ignored.
    public var postsClaim: String
    /// The scopes asked for.
    public var scopes: String

    /// Creates the settings from their values.
    public init(
        issuer: String,
        clientID: String,
        clientSecret: String,
        redirectURL: String,
        postsClaim: String = "groups",
        scopes: String = "openid profile"
    ) {
        self.issuer = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURL = redirectURL
        self.postsClaim = postsClaim
        self.scopes = scopes
    }

    /// Reads the `LINLI_OIDC_*` keys: `nil` when `LINLI_OIDC_ISSUER` is unset; once it is set, the
    /// client id, secret and redirect URL are required.
    /// - Throws: ``ConfigurationError`` naming the key (never echoing the secret).
    static func read(_ environment: [String: String]) throws(ConfigurationError) -> OidcSettings? {
        guard let issuer = environment["LINLI_OIDC_ISSUER"], !issuer.isEmpty else { return nil }
        let reader = EnvironmentReader(environment)
        let claim = reader.string("LINLI_OIDC_POSTS_CLAIM", default: "groups")
        guard claim.allSatisfy({ $0.isLetter || $0.isNumber || "_-:./".contains($0) }) else {
            throw ConfigurationError(key: "LINLI_OIDC_POSTS_CLAIM", problem: "must be a claim name, got '\(claim)'")
        }
        return OidcSettings(
            issuer: try reader.url("LINLI_OIDC_ISSUER", default: ""),
            clientID: try reader.required("LINLI_OIDC_CLIENT_ID"),
            clientSecret: try reader.required("LINLI_OIDC_CLIENT_SECRET"),
            redirectURL: try reader.url("LINLI_OIDC_REDIRECT_URL", default: ""),
            postsClaim: claim,
            scopes: reader.string("LINLI_OIDC_SCOPES", default: "openid profile")
        )
    }
}
