import Foundation
import Hummingbird
import Postgres

/// Where a redemption stands: reserved (points debited, stock taken), then confirmed by staff or
/// cancelled (points and stock returned).
enum RedemptionState: String, TextVocabulary {
    case reserved, confirmed, cancelled
}

/// A reward (礼遇褒奖) residents redeem points for, city-wide or for one area.
struct Reward: Codable, Sendable, ResponseEncodable {
    var id: Int
    var name: String
    var cost: Int
    var stock: Int
    var areaID: Int?
}

/// The body of `POST /v1/rewards`.
struct NewReward: Decodable, Sendable {
    var name: String
    var cost: Int
    var stock: Int
    var areaID: Int?
}

/// The body of `POST /v1/rewards/{id}/redemptions`.
struct NewRedemption: Decodable, Sendable { var residentID: Int }

/// A resident's redemption of a reward.
struct Redemption: Codable, Sendable, ResponseEncodable {
    var id: Int
    var rewardID: Int
    var residentID: Int
    var state: RedemptionState
    var points: Int
}
