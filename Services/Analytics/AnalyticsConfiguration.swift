import Foundation
import ServiceKit

/// The analytics service's own settings, read from the environment at the executable's edge.
///
/// | key | meaning | default |
/// |---|---|---|
/// | `LINLI_ANALYTICS_TIME_ZONE` | the zone days, weeks (Monday) and months are cut in | `Asia/Shanghai` |
/// | `LINLI_ANALYTICS_SUPPRESSION_THRESHOLD` | counts of people from 1 to this minus one are suppressed | `5` |
/// | `LINLI_ANALYTICS_SNAPSHOT_CRON` | when the gauges (households, coverage, stars…) are copied into history | `55 23 * * *` |
public struct AnalyticsConfiguration: Sendable {
    /// The zone buckets are cut in.
    public var timeZone: TimeZone
    /// A breakdown value that counts fewer people than this (and more than none) is returned as null.
    public var suppressionThreshold: Int
    /// Five-field cron expression of the daily gauge snapshot (in ``timeZone``).
    public var snapshotCron: String

    /// Creates settings (the defaults suit a Chinese city).
    public init(timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!, suppressionThreshold: Int = 5, snapshotCron: String = "55 23 * * *") {
        self.timeZone = timeZone
        self.suppressionThreshold = suppressionThreshold
        self.snapshotCron = snapshotCron
    }

    /// Reads the settings.
    /// - Throws: `ConfigurationError` or ``AnalyticsConfigurationError``, naming the key that is wrong.
    public init(environment: [String: String]) throws {
        let reader = EnvironmentReader(environment)
        let zone = reader.string("LINLI_ANALYTICS_TIME_ZONE", default: "Asia/Shanghai")
        guard let timeZone = TimeZone(identifier: zone) else {
            throw AnalyticsConfigurationError(key: "LINLI_ANALYTICS_TIME_ZONE", problem: "must be an IANA time zone, got '\(zone)'")
        }
        self.init(
            timeZone: timeZone,
            suppressionThreshold: try reader.integer("LINLI_ANALYTICS_SUPPRESSION_THRESHOLD", default: 5, in: 1...100),
            snapshotCron: reader.string("LINLI_ANALYTICS_SNAPSHOT_CRON", default: "55 23 * * *")
        )
    }
}

/// An analytics setting is wrong; the message names its key.
public struct AnalyticsConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The environment variable.
    public let key: String
    /// What is wrong with it.
    public let problem: String

    public var description: String { "configuration: \(key) \(problem)" }
}
