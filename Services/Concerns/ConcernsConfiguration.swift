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

    /// Creates settings; the defaults are those of the table above.
    public init(
        reopenWindow: TimeInterval = 30 * 86_400,
        escalationSchedule: CronSchedule? = nil,
        escalationInterval: TimeInterval = 24 * 3_600,
        maxEscalations: Int = 3,
        escalationBatch: Int = 500,
        duplicateThreshold: Double = 0.25
    ) {
        self.reopenWindow = reopenWindow
        self.escalationSchedule = escalationSchedule ?? Self.defaultSchedule
        self.escalationInterval = escalationInterval
        self.maxEscalations = maxEscalations
        self.escalationBatch = escalationBatch
        self.duplicateThreshold = duplicateThreshold
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
            duplicateThreshold: Double(try reader.integer("LINLI_CONCERNS_DUPLICATE_THRESHOLD_PERCENT", default: 25, in: 1...100)) / 100
        )
    }

    private static let defaultSchedule = try! CronSchedule("*/10 * * * *")
}
