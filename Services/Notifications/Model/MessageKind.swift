/// A kind of message, with its default (zh-CN) templates, whether it goes to the compound's group
/// chat at once or only in the daily digest, and a sample context for previews and budget checks.
public struct MessageKind: Sendable {
    /// How a kind reaches the compound's group chat.
    public enum GroupMode: String, Sendable {
        /// Not at all.
        case none
        /// A robot message (or copy task) at once, and a line in the day's digest.
        case immediate
        /// Only a line in the day's digest.
        case digest
    }

    /// The kind's stable name, e.g. `activity.published`.
    public let name: String
    public let groupMode: GroupMode
    /// The default title template.
    public let title: String
    /// The default text template of every channel.
    public let text: String
    /// Values like a real message's, to check a template against the byte budget.
    public let sample: TemplateContext

    /// The default template of a slot.
    public func defaultTemplate(_ slot: TemplateSlot) -> String { slot == .title ? title : text }

    /// Every kind, by name.
    public static let all: [String: MessageKind] = Dictionary(uniqueKeysWithValues: catalogue.map { ($0.name, $0) })

    /// Looks a kind up.
    public static func named(_ name: String) -> MessageKind? { all[name] }
}

extension MessageKind {
    static let activityPublished = "activity.published"
    static let activityChanged = "activity.changed"
    static let activityCancelled = "activity.cancelled"
    static let reminder24h = "reminder.24h"
    static let reminder2h = "reminder.2h"
    static let registrationConfirmed = "registration.confirmed"
    static let registrationWaitlisted = "registration.waitlisted"
    static let registrationPromoted = "registration.promoted"
    static let pointsAwarded = "points.awarded"
    static let starReached = "points.star-reached"
    static let concernUpdated = "concern.updated"
    static let concernSettled = "concern.settled"
    static let councilScheduled = "council.meeting.scheduled"
    static let councilHeld = "council.meeting.held"
    static let actionOverdue = "action.overdue"
    static let notice = "notice"
    static let digest = "digest.daily"
}
