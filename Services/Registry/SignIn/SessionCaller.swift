import Foundation
import Hummingbird

/// The answer of `GET /v1/auth/me`: who the caller is and what their role covers, and their account.
struct SignedInCaller: Codable, Sendable, ResponseEncodable {
    var subject: String
    var role: String
    var areaIDs: [Int]
    var compoundIDs: [Int]
    var householdIDs: [Int]
    var residentID: Int?
    /// The account (with its posts); `nil` for an operator's token.
    var account: AccountView?
}
