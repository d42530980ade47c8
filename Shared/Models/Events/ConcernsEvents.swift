import Foundation

/// What every concern event says about the concern.
public struct ConcernSummary: Codable, Hashable, Sendable {
    public var concernID: Int
    public var placement: Placement
    public var category: String
    /// Where it came from: `group-chat`, `door-to-door`, `hotline`, `council`, `app`.
    public var source: String
    public var title: String
    public var reporterResidentID: Int?
    public var raisedAt: Date

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
public struct ConcernRaised: DomainEvent, Equatable {
    public static let topic = "concern.raised"
    public var concern: ConcernSummary
    public var eventID: String { "concern.raised:\(concern.concernID)" }

    public init(concern: ConcernSummary) { self.concern = concern }
}

/// A concern moved on: acknowledged, in progress, referred to the council, or given a public update (`concern.updated`).
public struct ConcernUpdated: DomainEvent, Equatable {
    public static let topic = "concern.updated"
    public var concern: ConcernSummary
    public var state: String
    public var ownerParty: CouncilParty?
    /// The public update, if the change came with one.
    public var publicNote: String?
    public var revision: Int
    public var at: Date
    public var eventID: String { "concern.updated:\(concern.concernID):\(revision)" }

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
public struct ConcernSettled: DomainEvent, Equatable {
    public static let topic = "concern.settled"
    public var concern: ConcernSummary
    public var settledAt: Date
    public var revision: Int
    public var eventID: String { "concern.settled:\(concern.concernID):\(revision)" }

    public init(concern: ConcernSummary, settledAt: Date, revision: Int) {
        self.concern = concern
        self.settledAt = settledAt
        self.revision = revision
    }
}

/// The reporter reopened a settled concern within the window (`concern.reopened`).
public struct ConcernReopened: DomainEvent, Equatable {
    public static let topic = "concern.reopened"
    public var concern: ConcernSummary
    public var reopenedAt: Date
    public var revision: Int
    public var eventID: String { "concern.reopened:\(concern.concernID):\(revision)" }

    public init(concern: ConcernSummary, reopenedAt: Date, revision: Int) {
        self.concern = concern
        self.reopenedAt = reopenedAt
        self.revision = revision
    }
}

/// A four-party council meeting was scheduled; the calendar publishes it as an activity (`council.meeting.scheduled`).
public struct CouncilMeetingScheduled: DomainEvent, Equatable {
    public static let topic = "council.meeting.scheduled"
    public var meetingID: Int
    public var councilID: Int
    public var compoundID: Int
    public var areaPath: [Int]
    public var title: String
    public var venue: String?
    public var startsAt: Date
    public var endsAt: Date
    public var agenda: [String]
    public var revision: Int
    public var eventID: String { "council.meeting.scheduled:\(meetingID):\(revision)" }

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
public struct CouncilMeetingHeld: DomainEvent, Equatable {
    public static let topic = "council.meeting.held"
    public var meetingID: Int
    public var compoundID: Int
    public var areaPath: [Int]
    public var heldAt: Date
    public var partiesPresent: [CouncilParty]
    public var quorumMet: Bool
    public var eventID: String { "council.meeting.held:\(meetingID)" }

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
public struct DecisionRecorded: DomainEvent, Equatable {
    public static let topic = "decision.recorded"
    public var decisionID: Int
    public var meetingID: Int
    public var compoundID: Int
    public var concernIDs: [Int]
    public var summary: String
    public var actionItemCount: Int
    public var eventID: String { "decision.recorded:\(decisionID)" }

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
public struct ActionOverdue: DomainEvent, Equatable {
    public static let topic = "action.overdue"
    /// `concern` or `action-item`.
    public var subject: String
    public var subjectID: Int
    public var compoundID: Int
    public var areaPath: [Int]
    public var ownerParty: CouncilParty?
    public var title: String
    public var dueAt: Date
    /// How many times it has been escalated (0 for the first).
    public var escalation: Int
    public var eventID: String { "action.overdue:\(subject):\(subjectID):\(escalation)" }

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
