import Foundation

/// Volunteer points were added to (or, as a reversal, taken from) a resident's ledger (`points.awarded`).
public struct PointsAwarded: DomainEvent, Equatable {
    public static let topic = "points.awarded"
    public var entryID: Int
    public var residentID: Int
    public var compoundID: Int
    public var delta: Int
    /// A reason code, e.g. `attendance`, `volunteer-hours`, `reversal`.
    public var reason: String
    /// What earned them, e.g. `attendance:881`.
    public var sourceRef: String
    public var balance: Int
    public var starLevel: Int
    /// Set when this entry lifted the resident to a new star level.
    public var starReached: Int?
    public var awardedAt: Date
    public var eventID: String { "points.awarded:\(entryID)" }

    public init(
        entryID: Int,
        residentID: Int,
        compoundID: Int,
        delta: Int,
        reason: String,
        sourceRef: String,
        balance: Int,
        starLevel: Int,
        starReached: Int?,
        awardedAt: Date
    ) {
        self.entryID = entryID
        self.residentID = residentID
        self.compoundID = compoundID
        self.delta = delta
        self.reason = reason
        self.sourceRef = sourceRef
        self.balance = balance
        self.starLevel = starLevel
        self.starReached = starReached
        self.awardedAt = awardedAt
    }
}

/// A reward was reserved, confirmed or cancelled against points (`reward.redeemed`).
public struct RewardRedeemed: DomainEvent, Equatable {
    public static let topic = "reward.redeemed"
    public var redemptionID: Int
    public var residentID: Int
    public var compoundID: Int
    public var rewardID: Int
    public var points: Int
    /// `reserved`, `confirmed` or `cancelled`.
    public var state: String
    public var at: Date
    public var eventID: String { "reward.redeemed:\(redemptionID):\(state)" }

    public init(redemptionID: Int, residentID: Int, compoundID: Int, rewardID: Int, points: Int, state: String, at: Date) {
        self.redemptionID = redemptionID
        self.residentID = residentID
        self.compoundID = compoundID
        self.rewardID = rewardID
        self.points = points
        self.state = state
        self.at = at
    }
}

/// An in-office party member registered at their home compound (在职党员进小区报到) (`member.checkedin`).
public struct MemberCheckedIn: DomainEvent, Equatable {
    public static let topic = "member.checkedin"
    public var checkInID: Int
    public var residentID: Int
    public var compoundID: Int
    public var pledges: [String]
    public var at: Date
    public var eventID: String { "member.checkedin:\(checkInID)" }

    public init(checkInID: Int, residentID: Int, compoundID: Int, pledges: [String], at: Date) {
        self.checkInID = checkInID
        self.residentID = residentID
        self.compoundID = compoundID
        self.pledges = pledges
        self.at = at
    }
}
