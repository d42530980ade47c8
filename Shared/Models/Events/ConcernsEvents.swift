import Foundation

/// What every concern event says about the concern.
///
/// The concerns service builds it from the concern's row.
public struct ConcernSummary: Codable, Hashable, Sendable {
    /// The concerns service's id of the concern.
    public var concernID: Int
    /// Where the concern is: the compound, and the household when it is about one.
    public var placement: Placement
    /// The category, e.g. `elevator`, `water-leak`; it sets how soon the concern is expected to be settled.
    public var category: String
    /// Where it came from: `group-chat`, `door-to-door`, `hotline`, `council`, `app`.
    public var source: String
    /// A short title for people, e.g. `3栋电梯停运`.
    public var title: String
    /// The resident who raised it; `nil` when it names no reporter (then nobody is told of its progress).
    public var reporterResidentID: Int?
    /// When it was raised.
    public var raisedAt: Date

    /// Creates the summary from its fields.
    public init(
        concernID: Int,
        placement: Placement,
        category: String,
        source: String,
        title: String,
        reporterResidentID: Int?,
        raisedAt: Date
    ) {
        self.concernID = concernID
        self.placement = placement
        self.category = category
        self.source = source
        self.title = title
        self.reporterResidentID = reporterResidentID
        self.raisedAt = raisedAt
    }
}

/// A resident's concern was raised (`concern.raised`).
///
/// Published by the concerns service's intake (`Concerns/ConcernRoutes+Raise.swift`). Consumed by notifications (the reporter is told) and analytics.
public struct ConcernRaised: DomainEvent, Equatable {
    /// The topic, `concern.raised`.
    public static let topic = "concern.raised"
    /// The concern as raised.
    public var concern: ConcernSummary
    /// `concern.raised:{concernID}`.
    public var eventID: String { "concern.raised:\(concern.concernID)" }

    /// Creates the event from the concern's summary.
    public init(concern: ConcernSummary) { self.concern = concern }
}

/// A concern moved on: acknowledged, in progress, referred to the council, or given a public update (`concern.updated`).
///
/// Published by the concerns service (`Concerns/ConcernEvents.swift`) for every change but a settlement or a reopening.
/// Consumed by notifications (the reporter is told) and analytics.
public struct ConcernUpdated: DomainEvent, Equatable {
    /// The topic, `concern.updated`.
    public static let topic = "concern.updated"
    /// The concern.
    public var concern: ConcernSummary
    /// The state after the change: `open`, `acknowledged`, `in-progress`, `referred` (to the council) or `closed-unsettled`.
    public var state: String
    /// The council party that owns the work; `nil` until one is named.
    public var ownerParty: CouncilParty?
    /// The public update, if the change came with one.
    public var publicNote: String?
    /// The concern's revision after the change.
    public var revision: Int
    /// When the change was made.
    public var at: Date
    /// `concern.updated:{concernID}:{revision}`.
    public var eventID: String { "concern.updated:\(concern.concernID):\(revision)" }

    /// Creates the event from its fields.
    public init(concern: ConcernSummary, state: String, ownerParty: CouncilParty?, publicNote: String?, revision: Int, at: Date) {
        self.concern = concern
        self.state = state
        self.ownerParty = ownerParty
        self.publicNote = publicNote
        self.revision = revision
        self.at = at
    }
}

/// A concern was settled (`concern.settled`).
///
/// Published by the concerns service (`Concerns/ConcernEvents.swift`). Consumed by notifications (the reporter is told) and analytics.
public struct ConcernSettled: DomainEvent, Equatable {
    /// The topic, `concern.settled`.
    public static let topic = "concern.settled"
    /// The concern.
    public var concern: ConcernSummary
    /// When it was settled.
    public var settledAt: Date
    /// The concern's revision after the settlement.
    public var revision: Int
    /// `concern.settled:{concernID}:{revision}`.
    public var eventID: String { "concern.settled:\(concern.concernID):\(revision)" }

    /// Creates the event from its fields.
    public init(concern: ConcernSummary, settledAt: Date, revision: Int) {
        self.concern = concern
        self.settledAt = settledAt
        self.revision = revision
    }
}

/// The reporter reopened a settled concern within the window (`concern.reopened`).
///
/// Published by the concerns service (`Concerns/ConcernEvents.swift`). Consumed by notifications (the reporter is told) and analytics.
public struct ConcernReopened: DomainEvent, Equatable {
    /// The topic, `concern.reopened`.
    public static let topic = "concern.reopened"
    /// The concern.
    public var concern: ConcernSummary
    /// When the reporter reopened it.
    public var reopenedAt: Date
    /// The concern's revision after the reopening.
    public var revision: Int
    /// `concern.reopened:{concernID}:{revision}`.
    public var eventID: String { "concern.reopened:\(concern.concernID):\(revision)" }

    /// Creates the event from its fields.
    public init(concern: ConcernSummary, reopenedAt: Date, revision: Int) {
        self.concern = concern
        self.reopenedAt = reopenedAt
        self.revision = revision
    }
}

/// A four-party council meeting was scheduled; the calendar publishes it as an activity (`council.meeting.scheduled`).
///
/// Published by the concerns service's `Councils` feature. Consumed by the calendar
/// (`Activities/CouncilMeetings.swift`: a `council-meeting` activity), notifications and analytics.
public struct CouncilMeetingScheduled: DomainEvent, Equatable {
    /// The topic, `council.meeting.scheduled`.
    public static let topic = "council.meeting.scheduled"
    /// The meeting's id.
    public var meetingID: Int
    /// The compound's four-party council.
    public var councilID: Int
    /// The compound of the council.
    public var compoundID: Int
    /// The compound's area ids, from the city down.
    public var areaPath: [Int]
    /// The meeting's title.
    public var title: String
    /// Where it meets, in words; `nil` when not given.
    public var venue: String?
    /// When it starts.
    public var startsAt: Date
    /// When it ends.
    public var endsAt: Date
    /// The agenda items' titles, in order.
    public var agenda: [String]
    /// The meeting's revision (a rescheduled meeting raises it).
    public var revision: Int
    /// `council.meeting.scheduled:{meetingID}:{revision}`.
    public var eventID: String { "council.meeting.scheduled:\(meetingID):\(revision)" }

    /// Creates the event from its fields.
    public init(
        meetingID: Int,
        councilID: Int,
        compoundID: Int,
        areaPath: [Int],
        title: String,
        venue: String?,
        startsAt: Date,
        endsAt: Date,
        agenda: [String],
        revision: Int
    ) {
        self.meetingID = meetingID
        self.councilID = councilID
        self.compoundID = compoundID
        self.areaPath = areaPath
        self.title = title
        self.venue = venue
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.agenda = agenda
        self.revision = revision
    }
}

/// A council meeting took place (`council.meeting.held`).
///
/// Published by the concerns service's `Councils` feature. Consumed by notifications and analytics.
public struct CouncilMeetingHeld: DomainEvent, Equatable {
    /// The topic, `council.meeting.held`.
    public static let topic = "council.meeting.held"
    /// The meeting held.
    public var meetingID: Int
    /// The compound of the council.
    public var compoundID: Int
    /// The compound's area ids, from the city down.
    public var areaPath: [Int]
    /// When it was held.
    public var heldAt: Date
    /// The parties that had someone present.
    public var partiesPresent: [CouncilParty]
    /// Whether all four parties were present.
    public var quorumMet: Bool
    /// `council.meeting.held:{meetingID}`.
    public var eventID: String { "council.meeting.held:\(meetingID)" }

    /// Creates the event from its fields.
    public init(meetingID: Int, compoundID: Int, areaPath: [Int], heldAt: Date, partiesPresent: [CouncilParty], quorumMet: Bool) {
        self.meetingID = meetingID
        self.compoundID = compoundID
        self.areaPath = areaPath
        self.heldAt = heldAt
        self.partiesPresent = partiesPresent
        self.quorumMet = quorumMet
    }
}

/// A council recorded a decision with its action items (`decision.recorded`).
///
/// Published by the concerns service's `Councils` feature. Consumed by analytics.
public struct DecisionRecorded: DomainEvent, Equatable {
    /// The topic, `decision.recorded`.
    public static let topic = "decision.recorded"
    /// The decision's id.
    public var decisionID: Int
    /// The meeting that took it.
    public var meetingID: Int
    /// The compound of the council.
    public var compoundID: Int
    /// The concerns the decision is about.
    public var concernIDs: [Int]
    /// The decision, in words.
    public var summary: String
    /// How many action items it assigned.
    public var actionItemCount: Int
    /// `decision.recorded:{decisionID}`.
    public var eventID: String { "decision.recorded:\(decisionID)" }

    /// Creates the event from its fields.
    public init(decisionID: Int, meetingID: Int, compoundID: Int, concernIDs: [Int], summary: String, actionItemCount: Int) {
        self.decisionID = decisionID
        self.meetingID = meetingID
        self.compoundID = compoundID
        self.concernIDs = concernIDs
        self.summary = summary
        self.actionItemCount = actionItemCount
    }
}

/// A concern or an action item passed its expected date unsettled (`action.overdue`).
///
/// Published by the concerns service's escalation job (`Escalation/EscalateOverdue.swift`), once per level.
/// Consumed by notifications (the compound's heads are told) and analytics.
public struct ActionOverdue: DomainEvent, Equatable {
    /// The topic, `action.overdue`.
    public static let topic = "action.overdue"
    /// `concern` or `action-item`.
    public var subject: String
    /// The concern's or the action item's id.
    public var subjectID: Int
    /// The compound it belongs to.
    public var compoundID: Int
    /// The compound's area ids, from the city down.
    public var areaPath: [Int]
    /// The party responsible; `nil` when none is named yet.
    public var ownerParty: CouncilParty?
    /// The concern's or the action item's title.
    public var title: String
    /// When it was due.
    public var dueAt: Date
    /// How many times it has been escalated (0 for the first).
    public var escalation: Int
    /// `action.overdue:{subject}:{subjectID}:{escalation}`.
    public var eventID: String { "action.overdue:\(subject):\(subjectID):\(escalation)" }

    /// Creates the event from its fields.
    public init(
        subject: String,
        subjectID: Int,
        compoundID: Int,
        areaPath: [Int],
        ownerParty: CouncilParty?,
        title: String,
        dueAt: Date,
        escalation: Int
    ) {
        self.subject = subject
        self.subjectID = subjectID
        self.compoundID = compoundID
        self.areaPath = areaPath
        self.ownerParty = ownerParty
        self.title = title
        self.dueAt = dueAt
        self.escalation = escalation
    }
}
