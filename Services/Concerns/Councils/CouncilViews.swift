import Foundation
import Hummingbird

/// A four-party council with its current seats.
struct CouncilView: Codable, Sendable, ResponseEncodable {
    var id: Int
    var compoundID: Int
    var name: String
    var createdAt: Date
    var seats: [SeatView]
    /// Whether every one of the four parties has a seat (without which no meeting can reach quorum).
    var everyPartySeated: Bool
}

/// A seat on a council; the holder's token subject is shown to staff only.
struct SeatView: Codable, Sendable, Equatable, ResponseEncodable {
    var id: Int
    var party: String
    var holderName: String
    var holderSubject: String?
}

/// A meeting in a list.
struct MeetingSummary: Codable, Sendable, Equatable {
    var id: Int
    var councilID: Int
    var compoundID: Int
    var title: String
    var venue: String?
    var startsAt: Date
    var endsAt: Date
    var state: MeetingState
    var heldAt: Date?
    var quorumMet: Bool?
    var revision: Int

    static let columns = "id, council_id, compound_id, title, venue, starts_at, ends_at, state, held_at, quorum_met, revision"
}

/// A meeting with its agenda, attendance, minutes and decisions.
struct MeetingView: Codable, Sendable, ResponseEncodable {
    var meeting: MeetingSummary
    var agenda: [AgendaItem]
    var attendance: [Attendee]
    var partiesPresent: [String]
    var minutes: String?
    var decisions: [DecisionView]
}

/// An agenda item: a referred concern or a proposal.
struct AgendaItem: Codable, Sendable, Equatable {
    var position: Int
    var concernID: Int?
    var title: String
}

/// Someone present at a meeting, for one of the four parties.
struct Attendee: Codable, Sendable, Equatable {
    var party: String
    var name: String
    var seatID: Int?
}

/// A decision and its action items.
struct DecisionView: Codable, Sendable, Equatable, ResponseEncodable {
    var id: Int
    var meetingID: Int
    var summary: String
    var concernIDs: [Int]
    var settlesConcerns: Bool
    var createdAt: Date
    var actionItems: [ActionItemView]
}

/// Something a decision asks one party to do by a date, and how far it has got.
struct ActionItemView: Codable, Sendable, Equatable, ResponseEncodable {
    var id: Int
    var decisionID: Int
    var compoundID: Int
    var title: String
    var ownerParty: String
    var dueAt: Date
    var progress: Int
    var progressNote: String?
    var completedAt: Date?
    var escalations: Int
    var updatedAt: Date

    static let columns = """
        id, decision_id, compound_id, title, owner_party, due_at, progress, progress_note, completed_at, escalations, updated_at
        """
}
