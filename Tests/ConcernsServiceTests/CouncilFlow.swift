import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import ServiceKit

/// What the council tests read from the API.
struct CouncilBody: Decodable {
    struct Seat: Decodable {
        let id: Int
        let party: String
        let holderName: String
        let holderSubject: String?
    }
    let id: Int
    let compoundID: Int
    let seats: [Seat]
    let everyPartySeated: Bool
}

struct MeetingBody: Decodable {
    struct Summary: Decodable {
        let id: Int
        let state: String
        let quorumMet: Bool?
        let revision: Int
    }
    struct Item: Decodable {
        let position: Int
        let concernID: Int?
        let title: String
    }
    let meeting: Summary
    let agenda: [Item]
    let partiesPresent: [String]
    let minutes: String?
    let decisions: [DecisionBody]
}

struct DecisionBody: Decodable {
    struct ActionItem: Decodable {
        let id: Int
        let ownerParty: String
        let progress: Int
        let completedAt: Date?
        let escalations: Int
    }
    let id: Int
    let concernIDs: [Int]
    let actionItems: [ActionItem]
}

extension ConcernsTestEnvironment {
    /// A council for compound A with a seat for each party (the property company's held by the property manager).
    func makeCouncil(_ client: some TestClientProtocol) async throws -> CouncilBody {
        let seats = [
            ("party-branch", "staff:secretary-a", "刘书记"), ("owners-committee", "resident:1002", "李建国"),
            ("property-company", City.propertyManager.subject, "周经理"), ("resident-representatives", "resident:1003", "王秀英"),
        ].map { #"{"party":"\#($0.0)","holderSubject":"\#($0.1)","holderName":"\#($0.2)"}"# }
        return try await expect(
            client,
            .post,
            "/v1/councils",
            as: City.secretaryA,
            json: #"{"compoundID":\#(City.compoundA),"seats":[\#(seats.joined(separator: ","))]}"#,
            status: .created,
            decoding: CouncilBody.self
        )
    }

    /// Schedules a meeting of a council (its agenda: every referred concern, plus the proposals).
    func schedule(_ client: some TestClientProtocol, council: Int, proposals: [String] = []) async throws -> MeetingBody {
        let list = proposals.map { "\"\($0)\"" }.joined(separator: ",")
        return try await expect(
            client,
            .post,
            "/v1/councils/\(council)/meetings",
            as: City.secretaryA,
            json: #"{"title":"十二月议事会","venue":"党群服务站","startsAt":"2030-12-05T10:00:00Z","endsAt":"2030-12-05T12:00:00Z","proposals":[\#(list)]}"#,
            status: .created,
            decoding: MeetingBody.self
        )
    }

    /// Holds a meeting with the given parties present.
    func hold(_ client: some TestClientProtocol, meeting: Int, parties: [String]) async throws -> MeetingBody {
        let attendees = parties.enumerated().map { #"{"party":"\#($1)","name":"代表\#($0 + 1)"}"# }.joined(separator: ",")
        return try await expect(
            client,
            .post,
            "/v1/meetings/\(meeting)/hold",
            as: City.secretaryA,
            json: #"{"attendees":[\#(attendees)],"minutes":"会议纪要：讨论车库积水"}"#,
            decoding: MeetingBody.self
        )
    }
}
