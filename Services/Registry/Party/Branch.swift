import Foundation
import Hummingbird

/// A compound's party branch (党支部) with its groups.
struct Branch: Codable, Sendable, ResponseEncodable {
    var id: Int
    var compoundID: Int
    var name: String
    var secretaryResidentID: Int?
    var groups: [PartyGroup]
}

/// A party group (党小组) of a branch, usually one per building.
struct PartyGroup: Codable, Sendable {
    var id: Int
    var name: String
    var buildingID: Int?
}

/// The body of `PUT /v1/compounds/{id}/party-branch`.
struct BranchBody: Decodable, Sendable {
    var name: String
    var secretaryResidentID: Int?
}

/// The body of `POST /v1/compounds/{id}/party-groups`.
struct GroupBody: Decodable, Sendable {
    var name: String
    var buildingID: Int?
}

/// The body of `PUT /v1/residents/{id}/party-membership`.
struct MembershipBody: Decodable, Sendable {
    var branchID: Int
    var groupID: Int?
    var inOffice: Bool
    var joinedOn: Date?
}

/// The body of `POST /v1/member-checkins`: an in-office member registering at their home compound.
struct CheckInBody: Decodable, Sendable {
    var residentID: Int
    var compoundID: Int
    var pledges: [String]
}

/// The answer to a check-in.
struct CheckInReceipt: Codable, Sendable, ResponseEncodable { var id: Int }

/// One member's check-in at a compound, with their pledges.
struct CheckIn: Codable, Sendable, ResponseEncodable {
    var id: Int
    var residentID: Int
    var name: String
    var pledges: [String]
    var checkedInAt: Date
}
