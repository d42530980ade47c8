import Foundation

/// A delivery reached its end: sent, or given up after its retries (`notification.delivered`).
public struct NotificationDelivered: DomainEvent, Equatable {
    public static let topic = "notification.delivered"
    public var deliveryID: Int
    /// The message kind, e.g. `activity.published`, `reminder.24h`.
    public var kind: String
    /// `inbox`, `wecom-robot`, `webhook`, `copy-task`.
    public var channel: String
    public var compoundID: Int?
    /// `sent` or `given-up`.
    public var status: String
    public var attempts: Int
    public var at: Date
    public var eventID: String { "notification.delivered:\(deliveryID)" }

    public init(deliveryID: Int, kind: String, channel: String, compoundID: Int?, status: String, attempts: Int, at: Date) {
        self.deliveryID = deliveryID
        self.kind = kind
        self.channel = channel
        self.compoundID = compoundID
        self.status = status
        self.attempts = attempts
        self.at = at
    }
}

/// A reminder the calendar schedules on the notifications queue for T−24 h and T−2 h.
public struct ActivityReminder: JobPayload, Equatable {
    public static let kind = "notifications.activity-reminder"
    public var activity: ActivitySummary
    public var occurrenceStart: Date
    /// `24h` or `2h`.
    public var leadTime: String

    /// Who is reminded is decided when the reminder runs, from the registrations then confirmed.
    public init(activity: ActivitySummary, occurrenceStart: Date, leadTime: String) {
        self.activity = activity
        self.occurrenceStart = occurrenceStart
        self.leadTime = leadTime
    }
}
