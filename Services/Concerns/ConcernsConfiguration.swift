import Foundation
import JobQueue
import ServiceKit

/// The concerns service's own settings, read at the executable's edge.
///
/// | key | meaning | default |
/// |---|---|---|
/// | `LINLI_CONCERNS_REOPEN_WINDOW_DAYS` | days after settlement in which the reporter may reopen | `30` |
/// | `LINLI_CONCERNS_ESCALATION_SCHEDULE` | cron (Asia/Shanghai) of the escalation job | `*/10 * * * *` |
/// | `LINLI_CONCERNS_ESCALATION_INTERVAL_HOURS` | hours between escalations of one overdue concern or action item | `24` |
/// | `LINLI_CONCERNS_MAX_ESCALATIONS` | escalations per overdue period (a reopened concern starts a new period) | `3` |
/// | `LINLI_CONCERNS_ESCALATION_BATCH` | overdue rows escalated per transaction | `500` |
/// | `LINLI_CONCERNS_DUPLICATE_THRESHOLD_PERCENT` | least trigram similarity (of the terms, in %) for a duplicate suggestion | `25` |
/// | `LINLI_CONCERNS_PHOTO_MAX_BYTES` | largest photo the concern page accepts | `5242880` (5 MiB) |
/// | `LINLI_CONCERNS_UPLOAD_MAX_BYTES` | largest concern page post, photos included (the front door allows 16 MiB; `LINLI_BODY_LIMIT_BYTES` must allow it too) | `16777216` |
public struct ConcernsConfiguration: Sendable {
    /// How long after settlement the reporter may reopen.
    public var reopenWindow: TimeInterval
    /// When the escalation job runs.
    public var escalationSchedule: CronSchedule
    /// Time between two escalations of the same overdue item.
    public var escalationInterval: TimeInterval
    /// Escalations per overdue period.
    public var maxEscalations: Int
    /// Rows escalated per transaction.
    public var escalationBatch: Int
    /// Least similarity (0–1) for a duplicate suggestion.
    public var duplicateThreshold: Double
    /// The largest photo (bytes) a concern page post may carry.
    public var photoMaxBytes: Int
    /// The largest concern page post (bytes), photos included.
    public var uploadMaxBytes: Int

    /// Creates settings; the defaults are those of the table above.
    public init(
        reopenWindow: TimeInterval = 30 * 86_400,
        escalationSchedule: CronSchedule? = nil,
        escalationInterval: TimeInterval = 24 * 3_600,
        maxEscalations: Int = 3,
        escalationBatch: Int = 500,
        duplicateThreshold: Double = 0.25,
        photoMaxBytes: Int = 5 * 1_048_576,
        uploadMaxBytes: Int = 16 * 1_048_576
    ) {
        self.reopenWindow = reopenWindow
        self.escalationSchedule = escalationSchedule ?? Self.defaultSchedule
        self.escalationInterval = escalationInterval
        self.maxEscalations = maxEscalations
        self.escalationBatch = escalationBatch
        self.duplicateThreshold = duplicateThreshold
        self.photoMaxBytes = photoMaxBytes
        self.uploadMaxBytes = uploadMaxBytes
    }

    /// Reads the settings from environment variables.
    /// - Throws: ``ConfigurationError`` naming the first key that is wrong.
    public init(environment: [String: String]) throws(ConfigurationError) {
        let reader = EnvironmentReader(environment)
        let schedule = try reader.cron(
            "LINLI_CONCERNS_ESCALATION_SCHEDULE",
            default: Self.defaultSchedule.expression,
            timeZone: Self.defaultSchedule.timeZone
        )
        self.init(
            reopenWindow: TimeInterval(try reader.integer("LINLI_CONCERNS_REOPEN_WINDOW_DAYS", default: 30, in: 1...365)) * 86_400,
            escalationSchedule: schedule,
            escalationInterval: TimeInterval(try reader.integer("LINLI_CONCERNS_ESCALATION_INTERVAL_HOURS", default: 24, in: 1...720)) * 3_600,
            maxEscalations: try reader.integer("LINLI_CONCERNS_MAX_ESCALATIONS", default: 3, in: 1...20),
            escalationBatch: try reader.integer("LINLI_CONCERNS_ESCALATION_BATCH", default: 500, in: 1...10_000),
            duplicateThreshold: Double(try reader.integer("LINLI_CONCERNS_DUPLICATE_THRESHOLD_PERCENT", default: 25, in: 1...100)) / 100,
            photoMaxBytes: try reader.integer("LINLI_CONCERNS_PHOTO_MAX_BYTES", default: 5 * 1_048_576, in: 1_024...16 * 1_048_576),
            uploadMaxBytes: try reader.integer("LINLI_CONCERNS_UPLOAD_MAX_BYTES", default: 16 * 1_048_576, in: 4_096...100 * 1_048_576)
        )
    }

    private static let defaultSchedule = try! CronSchedule("*/10 * * * *")
}
