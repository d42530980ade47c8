import Foundation

/// Volunteer points were added to (or, as a reversal, taken from) a resident's ledger (`points.awarded`).
///
/// Published by the registry's points ledger (`Points`): attendance points for `attendance.recorded`, staff
/// awards, reversals, reward debits and returns. Consumed by notifications (the resident is told) and analytics.
public struct PointsAwarded: DomainEvent, Equatable {
    /// The topic, `points.awarded`.
    public static let topic = "points.awarded"
    /// The ledger entry's id (the ledger is append-only: a correction is a new, opposite entry).
    public var entryID: Int
    /// The resident whose ledger it is.
    public var residentID: Int
    /// The compound the points were earned or spent in.
    public var compoundID: Int
    /// Points added (positive) or taken (negative).
    public var delta: Int
    /// A reason code, e.g. `attendance`, `volunteer-hours`, `reversal`.
    public var reason: String
    /// What earned them, e.g. `attendance:881`.
    public var sourceRef: String
    /// The resident's balance after this entry.
    public var balance: Int
    /// The resident's star level (星级) after this entry.
    public var starLevel: Int
    /// Set when this entry lifted the resident to a new star level.
    public var starReached: Int?
    /// When the entry was appended.
    public var awardedAt: Date
    /// `points.awarded:{entryID}`.
    public var eventID: String { "points.awarded:\(entryID)" }

    /// Creates the event from its fields.
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
///
/// Published by the registry's rewards routes (`Points`) at each step of a redemption (礼遇褒奖).
/// Consumed by analytics.
public struct RewardRedeemed: DomainEvent, Equatable {
    /// The topic, `reward.redeemed`.
    public static let topic = "reward.redeemed"
    /// The redemption's id.
    public var redemptionID: Int
    /// The resident redeeming.
    public var residentID: Int
    /// The compound offering the reward.
    public var compoundID: Int
    /// The reward redeemed.
    public var rewardID: Int
    /// The points the reward costs.
    public var points: Int
    /// `reserved`, `confirmed` or `cancelled`.
    public var state: String
    /// When the redemption reached this state.
    public var at: Date
    /// `reward.redeemed:{redemptionID}:{state}`: one event per state.
    public var eventID: String { "reward.redeemed:\(redemptionID):\(state)" }

    /// Creates the event from its fields.
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
///
/// Published by the registry's `Party` feature. Consumed by analytics.
public struct MemberCheckedIn: DomainEvent, Equatable {
    /// The topic, `member.checkedin`.
    public static let topic = "member.checkedin"
    /// The check-in's id.
    public var checkInID: Int
    /// The party member (a resident) who checked in.
    public var residentID: Int
    /// The home compound they checked in at.
    public var compoundID: Int
    /// What they pledged to do for the compound (at most 20, each at most 100 characters).
    public var pledges: [String]
    /// When they checked in.
    public var at: Date
    /// `member.checkedin:{checkInID}`.
    public var eventID: String { "member.checkedin:\(checkInID)" }

    /// Creates the event from its fields.
    public init(checkInID: Int, residentID: Int, compoundID: Int, pledges: [String], at: Date) {
        self.checkInID = checkInID
        self.residentID = residentID
        self.compoundID = compoundID
        self.pledges = pledges
        self.at = at
    }
}
