import Foundation

/// A delivery reached its end: sent, or given up after its retries (`notification.delivered`).
///
/// Published by notifications: for inbox rows when a message fans out (`Fanout`), for pushes once sent or
/// given up (`Delivery`). Consumed by analytics (reach and delivery rates).
public struct NotificationDelivered: DomainEvent, Equatable {
    /// The topic, `notification.delivered`.
    public static let topic = "notification.delivered"
    /// The delivery's id: one message to one recipient or target by one channel.
    public var deliveryID: Int
    /// The message kind, e.g. `activity.published`, `reminder.24h`.
    public var kind: String
    /// `inbox`, `wecom-robot`, `webhook`, `copy-task`.
    public var channel: String
    /// The compound the message was for; `nil` when it was for no single compound.
    public var compoundID: Int?
    /// `sent` or `given-up`.
    public var status: String
    /// How many sends were tried (1 for an inbox row).
    public var attempts: Int
    /// When the delivery ended.
    public var at: Date
    /// `notification.delivered:{deliveryID}`.
    public var eventID: String { "notification.delivered:\(deliveryID)" }

    /// Creates the event from its fields.
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
///
/// A job, not an event: the calendar (`Reminders/ReminderScheduler.swift`) enqueues it on the `notifications`
/// queue to run at the lead time, with the unique key `calendar.reminder:<occurrence>:<lead>`, and cancels and
/// reschedules it when the occurrence changes. Handled by notifications.
public struct ActivityReminder: JobPayload, Equatable {
    /// The job kind, `notifications.activity-reminder`.
    public static let kind = "notifications.activity-reminder"
    /// The activity as it was when the reminder was scheduled.
    public var activity: ActivitySummary
    /// The start of the occurrence to remind of.
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
