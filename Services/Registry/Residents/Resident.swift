import Foundation
import Hummingbird
import Postgres

/// A resident's recorded gender, as stored and sent (`female`, `male`); the CSV files use 女 and 男.
enum Gender: String, TextVocabulary {
    case female, male

    /// How a CSV file writes it.
    var chinese: String {
        switch self {
        case .female: "女"
        case .male: "男"
        }
    }

    /// Reads a CSV cell: 女/男 or the stored names; `nil` for anything else.
    init?(csv text: String) {
        guard let gender = Self.allCases.first(where: { $0.chinese == text }) ?? Self(rawValue: text) else { return nil }
        self = gender
    }
}

/// A resident as lists and lookups show them: phone and ID number masked, party membership only
/// for staff who may see personal data.
struct Resident: Codable, Sendable, Equatable, ResponseEncodable {
    var id: Int
    var name: String
    var gender: Gender?
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
