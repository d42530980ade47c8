import Foundation

/// The body of `POST /v1/concerns`.
struct NewConcern: Decodable, Sendable {
    /// Required for staff unless `householdID` is given; residents and heads may leave it out.
    var compoundID: Int?
    /// A resident's own household by default; required when a head raises it on a household's behalf.
    var householdID: Int?
    var buildingID: Int?
    /// Who reported it, when a head or staff enter it for someone (a resident is always their own reporter).
    var reporterResidentID: Int?
    var category: String
    /// `group-chat`, `door-to-door`, `hotline`, `council` or `app`.
    var source: String
    var title: String
    var description: String?
    /// Links to photos (http or https), at most 9.
    var photos: [String]?

    static let sources = ["group-chat", "door-to-door", "hotline", "council", "app"]
}

/// The body of `POST /v1/concerns/{id}/transitions`.
struct TransitionRequest: Decodable, Sendable {
    var action: String
    /// Required to acknowledge a concern that has no owner yet.
    var ownerParty: String?
    /// Required to close a concern unsettled.
    var note: String?
    /// Whether the note is public (the default) or internal.
    var `public`: Bool?
}

/// The body of `POST /v1/concerns/{id}/updates`.
struct NoteRequest: Decodable, Sendable {
    var note: String
    var `public`: Bool
}

/// The body of `PUT /v1/concerns/{id}/owner`.
struct OwnerRequest: Decodable, Sendable {
    var ownerParty: String
    var note: String?
}

/// The body of `POST /v1/concerns/{id}/me-too`.
struct MeTooRequest: Decodable, Sendable {
    /// The household that has the same problem: the resident's own by default; a head names one they cover.
    var householdID: Int?
}

/// The 201 answer to raising a concern: the concern and similar open ones in the same compound and category.
struct RaisedConcern: Codable, Sendable {
    var concern: ConcernView
    var possibleDuplicates: [DuplicateSuggestion]
}

/// A concern that may be the same as a new one.
struct DuplicateSuggestion: Codable, Sendable, Equatable {
    var id: Int
    var title: String
    var state: String
    var meTooCount: Int
    var raisedAt: Date
    /// Trigram similarity of the terms, 0–1.
    var similarity: Double
}
