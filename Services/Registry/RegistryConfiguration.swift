import Foundation
import ServiceKit

/// The registry's own settings.
///
/// | key | meaning | default |
/// |---|---|---|
/// | `LINLI_REGISTRY_DATA_KEY` | base64 of 32 random bytes: encrypts phones, ID numbers and robot webhooks, and keys their search hashes | required |
/// | `LINLI_REGISTRY_IMPORT_LIMIT_ROWS` | the most rows one CSV import takes | `20000` |
public struct RegistryConfiguration: Sendable {
    /// The keys the registry must be given on top of the shared ones.
    public static let requiredKeys = ["LINLI_REGISTRY_DATA_KEY"]

    /// The personal-data key (32 bytes).
    public var dataKey: [UInt8]
    public var importLimitRows: Int

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
    }
}
