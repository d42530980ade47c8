import Foundation
import Hummingbird

/// A building of a compound.
struct Building: Codable, Sendable, Equatable, ResponseEncodable {
    var id: Int
    var compoundID: Int
    var name: String
}

/// A household: a dwelling and the people registered there.
struct Household: Codable, Sendable, Equatable, ResponseEncodable {
    var id: Int
    var compoundID: Int
    var buildingID: Int?
    var dwelling: String
    var revision: Int
    var members: [HouseholdMember]
}

/// A member as a household list shows them: the phone masked.
struct HouseholdMember: Codable, Sendable, Equatable {
    var residentID: Int
    var name: String
    var phone: String?
}

/// The body of `POST /v1/households`.
struct NewHousehold: Decodable, Sendable {
    var compoundID: Int
    var buildingID: Int?
    var dwelling: String
}

/// The body of `POST /v1/compounds/{id}/buildings`.
struct NewBuilding: Decodable, Sendable {
    var name: String
}
