import Foundation
import Hummingbird
import Postgres

/// What kind of organisation of a compound: its owners' committee (at most one), a property company
/// (which may be a "red property" company), or a social organisation.
enum OrganisationKind: String, TextVocabulary {
    case ownersCommittee = "owners-committee"
    case propertyCompany = "property-company"
    case socialOrganisation = "social-organisation"
}

/// An organisation of a compound.
struct Organisation: Codable, Sendable, ResponseEncodable {
    var id: Int
    var compoundID: Int
    var kind: OrganisationKind
    var name: String
    var redProperty: Bool
    var contact: String?
}

/// The body of `POST /v1/compounds/{id}/organisations`; `kind` is checked with the other fields.
struct NewOrganisation: Decodable, Sendable {
    var kind: String
    var name: String
    var redProperty: Bool?
    var contact: String?
}

/// A volunteer team of a compound and its members.
struct Team: Codable, Sendable, ResponseEncodable {
    var id: Int
    var compoundID: Int
    var name: String
    var memberIDs: [Int]
}

/// The body of `POST /v1/compounds/{id}/volunteer-teams`.
struct NewTeam: Decodable, Sendable { var name: String }

/// The body of `POST /v1/volunteer-teams/{id}/members`.
struct NewMember: Decodable, Sendable { var residentID: Int }

/// The body of `PUT /v1/compounds/{id}/group-chat`.
struct GroupChatBody: Decodable, Sendable {
    var name: String
    /// The WeCom robot's webhook URL; `null` removes the robot, absent keeps it.
    var robotWebhook: String??
}

/// The compound's group chat (一小区一群).
struct GroupChat: Codable, Sendable, ResponseEncodable {
    var compoundID: Int
    var name: String
    /// The robot's webhook is a secret: only its last characters are ever returned.
    var robotWebhookHint: String?
}
