import Foundation
import Hummingbird
import Models

/// How a resident's points and star came about.
struct Statement: Codable, Sendable, ResponseEncodable {
    /// One entry of the ledger.
    struct Line: Codable, Sendable {
        var id: Int
        var delta: Int
        var reason: String
        var sourceRef: String
        var countsTowardStars: Bool
        var reversesEntryID: Int?
        var createdAt: Date
    }
    var residentID: Int
    var balance: Int
    var lifetime: Int
    var starLevel: Int
    var rules: PointsLedger.Rules
    /// The next star, and the lifelong points still needed; `nil` at the top.
    var nextStar: Int?
    var pointsToNextStar: Int?
    var explanation: String
    var entries: [Line]
}

/// The body of `POST /v1/points/entries`: a staff award (or debit) with the key that makes a retry a no-op.
struct NewEntry: Decodable, Sendable {
    var residentID: Int
    var delta: Int
    var reason: String
    var sourceRef: String
    var idempotencyKey: String
}

/// The body of `POST /v1/points/entries/{id}/reverse`.
struct Reversal: Decodable, Sendable { var reason: String }

/// The body of `PUT /v1/points/star-rules`.
struct NewRules: Decodable, Sendable { var thresholds: [Int] }

/// The answer to an award or a reversal: the event it published.
struct Awarded: Codable, Sendable, ResponseEncodable {
    var event: PointsAwarded
}

/// The answer to new star rules.
struct RulesChange: Codable, Sendable, ResponseEncodable {
    var rules: PointsLedger.Rules
    /// Residents whose star level or rules version changed.
    var recomputed: Int
}
