import Foundation

/// The body of `POST /v1/councils`.
struct NewCouncil: Decodable, Sendable {
    var compoundID: Int
    /// 四方议事会 of the compound by default.
    var name: String?
    var seats: [NewSeat]?
}

/// A seat to fill: the party and the person (by their token subject) who holds it.
struct NewSeat: Decodable, Sendable {
    var party: String
    var holderSubject: String
    var holderName: String
}

/// The body of `POST /v1/councils/{id}/meetings`.
struct NewMeeting: Decodable, Sendable {
    var title: String
    var venue: String?
    var startsAt: Date
    var endsAt: Date
    /// Referred concerns to put on the agenda; when left out, every referred concern of the compound
    /// not yet on a coming meeting's agenda.
    var concernIDs: [Int]?
    var proposals: [String]?
}

/// The body of `POST /v1/meetings/{id}/agenda`.
struct AgendaRequest: Decodable, Sendable {
    var concernIDs: [Int]?
    var proposals: [String]?
}

/// The body of `POST /v1/meetings/{id}/hold`.
struct HoldRequest: Decodable, Sendable {
    var heldAt: Date?
    var attendees: [Attendee]
    var minutes: String?
}

/// The body of `PUT /v1/meetings/{id}/minutes`.
struct MinutesRequest: Decodable, Sendable {
    var minutes: String
}

/// The body of `POST /v1/meetings/{id}/decisions`.
struct NewDecision: Decodable, Sendable {
    var summary: String
    /// Concerns on the meeting's agenda that the decision is about.
    var concernIDs: [Int]?
    /// Settle those concerns now (otherwise they go back to their owner, in progress).
    var settlesConcerns: Bool?
    var actionItems: [NewActionItem]?
}

/// An action item of a new decision.
struct NewActionItem: Decodable, Sendable {
    var title: String
    var ownerParty: String
    var dueAt: Date
}

/// The body of `POST /v1/action-items/{id}/progress`.
struct ProgressRequest: Decodable, Sendable {
    /// 0–100; 100 completes the item.
    var progress: Int
    var note: String?
}
