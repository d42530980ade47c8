import Foundation
import JobQueue
import ServiceKit

/// The notifications service's own settings, read from the environment at the executable's edge.
///
/// | key | meaning | default |
/// |---|---|---|
/// | `LINLI_NOTIFICATIONS_QUIET_HOURS` | when pushes (robot, webhook, SMS) wait, `HH:MM-HH:MM` | `22:00-07:30` |
/// | `LINLI_NOTIFICATIONS_TIME_ZONE` | the zone quiet hours and the digest are read in | `Asia/Shanghai` |
/// | `LINLI_NOTIFICATIONS_URGENT_KINDS` | comma-separated kinds that bypass quiet hours | `activity.cancelled,reminder.2h` |
/// | `LINLI_NOTIFICATIONS_ROBOT_LIMIT` | messages per robot per window (WeCom allows 20 a minute) | `20` |
/// | `LINLI_NOTIFICATIONS_ROBOT_WINDOW_SECONDS` | the window of that limit | `60` |
/// | `LINLI_NOTIFICATIONS_HTTP_TIMEOUT_SECONDS` | the deadline of one robot or webhook request | `10` |
/// | `LINLI_NOTIFICATIONS_MAX_ATTEMPTS` | attempts of a push before it is given up | `8` |
/// | `LINLI_NOTIFICATIONS_RETRY_BASE_MS` | the first retry's wait; each later one doubles (capped at an hour) | `30000` |
/// | `LINLI_NOTIFICATIONS_DIGEST_CRON` | when the daily digest goes to each compound group | `0 20 * * *` |
/// | `LINLI_NOTIFICATIONS_INBOX_POLL_MS` | how often the inbox stream looks for new messages | `1000` |
/// | `LINLI_NOTIFICATIONS_INBOX_HEARTBEAT_SECONDS` | how often an idle inbox stream sends a comment (keeps proxies open, notices gone clients) | `15` |
public struct NotificationsConfiguration: Sendable {
    public var quietHours: QuietHours
    public var urgentKinds: Set<String>
    public var robotLimit: Int
    public var robotWindow: Double
    public var httpTimeout: Double
    public var maxAttempts: Int
    public var retryBase: Double
    public var digest: CronSchedule
    public var inboxPoll: Duration
    public var inboxHeartbeat: Duration

    /// The defaults (as documented above).
    public init(
        quietHours: QuietHours = .default,
        urgentKinds: Set<String> = ["activity.cancelled", "reminder.2h"],
        robotLimit: Int = 20,
        robotWindow: Double = 60,
        httpTimeout: Double = 10,
        maxAttempts: Int = 8,
        retryBase: Double = 30,
        digest: CronSchedule = try! CronSchedule("0 20 * * *"),
        inboxPoll: Duration = .seconds(1),
        inboxHeartbeat: Duration = .seconds(15)
    ) {
        self.quietHours = quietHours
        self.urgentKinds = urgentKinds
        self.robotLimit = robotLimit
        self.robotWindow = robotWindow
        self.httpTimeout = httpTimeout
        self.maxAttempts = maxAttempts
        self.retryBase = retryBase
        self.digest = digest
        self.inboxPoll = inboxPoll
        self.inboxHeartbeat = inboxHeartbeat
    }

    /// Reads and validates the settings.
    /// - Throws: ``ConfigurationError`` naming the first key that is wrong.
    public init(environment: [String: String]) throws(ConfigurationError) {
        let reader = EnvironmentReader(environment)
        let zone = try reader.timeZone("LINLI_NOTIFICATIONS_TIME_ZONE", default: "Asia/Shanghai")
        let quiet = reader.string("LINLI_NOTIFICATIONS_QUIET_HOURS", default: "22:00-07:30")
        guard let quietHours = QuietHours(quiet, timeZone: zone) else {
            throw ConfigurationError(key: "LINLI_NOTIFICATIONS_QUIET_HOURS", problem: "must be HH:MM-HH:MM or 'off', got '\(quiet)'")
        }
        let urgent = reader.string("LINLI_NOTIFICATIONS_URGENT_KINDS", default: "activity.cancelled,reminder.2h")
        let urgentKinds = Set(urgent.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        // A misspelt kind would otherwise never match a message and quietly wait out the night.
        let unknown = urgentKinds.filter { MessageKind.named($0) == nil }.sorted()
        guard unknown.isEmpty else {
            throw ConfigurationError(
                key: "LINLI_NOTIFICATIONS_URGENT_KINDS",
                problem:
                    "must list known kinds, got '\(urgent)' (unknown: \(unknown.joined(separator: ", ")); known: \(MessageKind.all.keys.sorted().joined(separator: ", ")))"
            )
        }
        self.init(
            quietHours: quietHours,
            urgentKinds: urgentKinds,
            robotLimit: try reader.integer("LINLI_NOTIFICATIONS_ROBOT_LIMIT", default: 20, in: 1...1_000),
            robotWindow: Double(try reader.integer("LINLI_NOTIFICATIONS_ROBOT_WINDOW_SECONDS", default: 60, in: 1...3_600)),
            httpTimeout: Double(try reader.integer("LINLI_NOTIFICATIONS_HTTP_TIMEOUT_SECONDS", default: 10, in: 1...120)),
            maxAttempts: try reader.integer("LINLI_NOTIFICATIONS_MAX_ATTEMPTS", default: 8, in: 1...100),
            retryBase: Double(try reader.integer("LINLI_NOTIFICATIONS_RETRY_BASE_MS", default: 30_000, in: 1...3_600_000)) / 1_000,
            digest: try reader.cron("LINLI_NOTIFICATIONS_DIGEST_CRON", default: "0 20 * * *", timeZone: zone),
            inboxPoll: .milliseconds(try reader.integer("LINLI_NOTIFICATIONS_INBOX_POLL_MS", default: 1_000, in: 50...60_000)),
            inboxHeartbeat: .seconds(try reader.integer("LINLI_NOTIFICATIONS_INBOX_HEARTBEAT_SECONDS", default: 15, in: 1...300))
        )
    }
}
