import Foundation
import ServiceKit

/// The registry's own settings.
///
/// | key | meaning | default |
/// |---|---|---|
/// | `LINLI_REGISTRY_DATA_KEY` | base64 of 32 random bytes: encrypts phones, ID numbers and robot webhooks, and keys their search hashes | required |
/// | `LINLI_REGISTRY_IMPORT_LIMIT_ROWS` | the most rows one CSV import takes | `20000` |
/// | `LINLI_OIDC_ISSUER` | the staff OpenID Connect provider's issuer URL; unset: password + TOTP only | unset |
/// | `LINLI_OIDC_CLIENT_ID`, `LINLI_OIDC_CLIENT_SECRET` | the registry's client at the provider | required with the issuer |
/// | `LINLI_OIDC_REDIRECT_URL` | the callback registered at the provider (`…/auth/oidc/callback`) | required with the issuer |
/// | `LINLI_OIDC_POSTS_CLAIM` | the id_token claim naming posts (`linli:community:7`, `linli:operator`) | `groups` |
/// | `LINLI_OIDC_SCOPES` | the scopes asked for | `openid profile` |
public struct RegistryConfiguration: Sendable {
    /// The keys the registry must be given on top of the shared ones.
    public static let requiredKeys = ["LINLI_REGISTRY_DATA_KEY"]

    /// The personal-data key (32 bytes).
    public var dataKey: [UInt8]
    public var importLimitRows: Int
    /// Staff single sign-on (`nil`: not configured).
    public var oidc: OidcSettings?

    /// Reads the settings.
    /// - Throws: ``ConfigurationError`` naming the first key that is wrong (never echoing the data key).
    public init(environment: [String: String]) throws(ConfigurationError) {
        let reader = EnvironmentReader(environment)
        let encoded = try reader.required("LINLI_REGISTRY_DATA_KEY")
        guard let key = Data(base64Encoded: encoded), key.count == 32 else {
            throw ConfigurationError(key: "LINLI_REGISTRY_DATA_KEY", problem: "must be the base64 of exactly 32 bytes")
        }
        dataKey = Array(key)
        importLimitRows = try reader.integer("LINLI_REGISTRY_IMPORT_LIMIT_ROWS", default: 20_000, in: 1...1_000_000)
        oidc = try OidcSettings.read(environment)
    }
}
