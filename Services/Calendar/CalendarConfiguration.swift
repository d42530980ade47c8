import Foundation
import ServiceKit

/// The calendar's own settings, read from the environment at the executable's edge.
///
/// | key | meaning | default |
/// |---|---|---|
/// | `LINLI_PUBLIC_URL` | the URL users reach the service at (feed URLs, links) | `http://HOST:PORT` |
/// | `LINLI_CALENDAR_ACTIVITY_LINK` | the activity's page; `{id}` is replaced by its id | `<public URL>/activities/{id}` (the page) |
/// | `LINLI_CALENDAR_HORIZON_DAYS` | how far ahead occurrences are materialised (and can be registered for) | `400` |
/// | `LINLI_CALENDAR_REMINDER_HORIZON_DAYS` | how far ahead reminders are put on the notifications queue | `14` |
/// | `LINLI_CALENDAR_CHECK_IN_OPENS_MINUTES` | how long before an occurrence starts check-in opens | `120` |
/// | `LINLI_CALENDAR_FEED_HISTORY_DAYS` | how long ended activities stay in feeds | `90` |
public struct CalendarConfiguration: Sendable {
    /// The service's public base URL, without a trailing slash.
    public var publicURL: String
    /// The activity page template, with `{id}`.
    public var activityLink: String
    /// Days of occurrences kept materialised ahead of now.
    public var horizonDays: Int
    /// Days ahead for which reminders are scheduled; the hourly maintenance tops them up.
    public var reminderHorizonDays: Int
    /// Minutes before the start that check-in opens.
    public var checkInOpensMinutes: Int
    /// Days after its last occurrence that an activity stays in feeds.
    public var feedHistoryDays: Int

    /// Creates settings.
    public init(
        publicURL: String,
        activityLink: String? = nil,
        horizonDays: Int = 400,
        reminderHorizonDays: Int = 14,
        checkInOpensMinutes: Int = 120,
        feedHistoryDays: Int = 90
    ) {
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.activityLink = activityLink ?? "\(self.publicURL)/activities/{id}"
        self.horizonDays = horizonDays
        self.reminderHorizonDays = reminderHorizonDays
        self.checkInOpensMinutes = checkInOpensMinutes
        self.feedHistoryDays = feedHistoryDays
    }

    /// Reads the keys above.
    /// - Parameter publicURL: the service's public URL (``ServiceConfiguration``'s `http.publicURL`).
    /// - Throws: ``ConfigurationError`` naming the first key that is wrong.
    public init(environment: [String: String], publicURL: String) throws(ConfigurationError) {
        let reader = EnvironmentReader(environment)
        let link = reader.string("LINLI_CALENDAR_ACTIVITY_LINK", default: "")
        if !link.isEmpty {
            // The link goes into events, feeds and messages as a URL once `{id}` is replaced.
            let example = URL(string: link.replacingOccurrences(of: "{id}", with: "1"))
            guard link.contains("{id}"), let scheme = example?.scheme, ["http", "https"].contains(scheme), example?.host != nil else {
                throw ConfigurationError(key: "LINLI_CALENDAR_ACTIVITY_LINK", problem: "must be an http or https URL containing {id}, got '\(link)'")
            }
        }
        self.init(
            publicURL: publicURL,
            activityLink: link.isEmpty ? nil : link,
            horizonDays: try reader.integer("LINLI_CALENDAR_HORIZON_DAYS", default: 400, in: 31...1_000),
            reminderHorizonDays: try reader.integer("LINLI_CALENDAR_REMINDER_HORIZON_DAYS", default: 14, in: 2...60),
            checkInOpensMinutes: try reader.integer("LINLI_CALENDAR_CHECK_IN_OPENS_MINUTES", default: 120, in: 0...1_440),
            feedHistoryDays: try reader.integer("LINLI_CALENDAR_FEED_HISTORY_DAYS", default: 90, in: 1...3_650)
        )
    }
}
