import Foundation
import JobQueue
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
    /// When the daily gauge snapshot runs (read in ``timeZone``).
    public var snapshotSchedule: CronSchedule

    /// Creates settings (the defaults suit a Chinese city).
    /// - Parameter snapshotSchedule: `nil` for the default, 23:55 in `timeZone`.
    public init(
        timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!,
        suppressionThreshold: Int = 5,
        snapshotSchedule: CronSchedule? = nil
    ) {
        self.timeZone = timeZone
        self.suppressionThreshold = suppressionThreshold
        self.snapshotSchedule = snapshotSchedule ?? (try! CronSchedule(Self.defaultSnapshotCron, timeZone: timeZone))
    }

    /// Reads the settings.
    /// - Throws: ``ConfigurationError`` naming the first key that is wrong.
    public init(environment: [String: String]) throws(ConfigurationError) {
        let reader = EnvironmentReader(environment)
        let timeZone = try reader.timeZone("LINLI_ANALYTICS_TIME_ZONE", default: "Asia/Shanghai")
        self.init(
            timeZone: timeZone,
            suppressionThreshold: try reader.integer("LINLI_ANALYTICS_SUPPRESSION_THRESHOLD", default: 5, in: 1...100),
            snapshotSchedule: try reader.cron("LINLI_ANALYTICS_SNAPSHOT_CRON", default: Self.defaultSnapshotCron, timeZone: timeZone)
        )
    }

    private static let defaultSnapshotCron = "55 23 * * *"
}
