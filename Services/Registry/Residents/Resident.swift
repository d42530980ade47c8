import Foundation
import Hummingbird

/// A resident as lists and lookups show them: phone and ID number masked, party membership only
/// for staff who may see personal data.
struct Resident: Codable, Sendable, Equatable, ResponseEncodable {
    var id: Int
    var name: String
    var gender: String?
    var birthYear: Int?
    /// `138****1234`.
    var phone: String?
    /// `430102********0012`.
    var idNumber: String?
    var householdID: Int?
    var compoundID: Int?
    var revision: Int
    /// Present only for staff allowed to see personal data.
    var partyMember: Bool?
}

/// The body of `POST /v1/residents`.
struct NewResident: Decodable, Sendable {
    var householdID: Int
    var name: String
    var gender: String?
    var birthYear: Int?
    var phone: String?
    var idNumber: String?
}

/// The body of `PATCH /v1/residents/{id}`: only the fields given change; `""` clears the phone.
struct ResidentPatch: Decodable, Sendable {
    var name: String?
    var gender: String?
    var birthYear: Int?
    var phone: String?
}

/// The body of `POST /v1/residents/{id}/move`: the new household, or none to record leaving the city.
struct ResidentMove: Decodable, Sendable {
    var householdID: Int?
}

/// Full personal data, for staff, each read audited.
struct PersonalDataRecord: Codable, Sendable, ResponseEncodable {
    var residentID: Int
    var phone: String?
    var idNumber: String?
    var partyMember: Bool
    var partyBranchID: Int?
    var inOfficeMember: Bool
}

/// One place a resident lived.
struct Residency: Codable, Sendable, Equatable, ResponseEncodable {
    var householdID: Int
    var compoundID: Int
    var movedInAt: Date
    var movedOutAt: Date?
}
