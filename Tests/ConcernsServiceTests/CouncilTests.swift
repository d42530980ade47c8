import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import ServiceKit
import ServiceTestSupport
import Testing

@Suite("Four-party councils: seats, meetings, quorum, decisions")
struct CouncilTests {
    static let owner = #","ownerParty":"property-company""#

    @Test func oneCouncilPerCompoundSetUpByStaff() async throws {
        let env = try await ConcernsTestEnvironment.make()
        try await env.test { client in
            let council = try await env.makeCouncil(client)
            #expect(council.everyPartySeated && council.seats.count == 4 && council.seats.allSatisfy { $0.holderSubject != nil })
            let again = try await env.call(client, .post, "/v1/councils", as: City.secretaryA, json: #"{"compoundID":\#(City.compoundA)}"#)
            #expect(again.status == .conflict)
            let outside = try await env.call(client, .post, "/v1/councils", as: City.secretaryB, json: #"{"compoundID":\#(City.compoundA)}"#)
            #expect(try outside.problem().fieldNames == ["compoundID"])
            #expect(try await env.call(client, .post, "/v1/councils", as: City.resident1Token, json: #"{"compoundID":10}"#).status == .forbidden)
            let badSeat = try await env.call(
                client,
                .post,
                "/v1/councils",
                as: City.secretaryB,
                json: #"{"compoundID":\#(City.compoundB),"seats":[{"party":"mayor","holderSubject":"","holderName":"x"}]}"#
            )
            #expect(Set(try badSeat.problem().fieldNames) == ["seats[0].party", "seats[0].holderSubject"])
            // Residents of the compound read it, without the holders' subjects; others do not see it.
            let read = try await env.expect(client, .get, "/v1/councils/\(council.id)", as: City.resident1Token, decoding: CouncilBody.self)
            #expect(read.seats.count == 4 && read.seats.allSatisfy { $0.holderSubject == nil })
            #expect(try await env.call(client, .get, "/v1/councils/\(council.id)", as: City.residentBToken).status == .notFound)
            let listed = try await env.expect(client, .get, "/v1/councils", as: City.secretaryB, decoding: [CouncilBody].self)
            #expect(listed.isEmpty)
            // Ending a seat leaves a party unseated.
            let seat = try #require(council.seats.first { $0.party == "owners-committee" })
            let ended = try await env.call(client, .delete, "/v1/councils/\(council.id)/seats/\(seat.id)", as: City.secretaryA)
            #expect(ended.status == .noContent)
            let after = try await env.expect(client, .get, "/v1/councils/\(council.id)", as: City.secretaryA, decoding: CouncilBody.self)
            #expect(!after.everyPartySeated)
            #expect(try await env.call(client, .delete, "/v1/councils/\(council.id)/seats/\(seat.id)", as: City.secretaryA).status == .notFound)
            let added = try await env.call(
                client,
                .post,
                "/v1/councils/\(council.id)/seats",
                as: City.secretaryA,
                json: #"{"party":"owners-committee","holderSubject":"resident:1001","holderName":"张桂兰"}"#
            )
            #expect(added.status == .created)
        }
    }

    @Test func meetingsArePublishedWithAgendasOfReferredConcernsAndProposals() async throws {
        let env = try await ConcernsTestEnvironment.make()
        try await env.test { client in
            let council = try await env.makeCouncil(client)
            let leak = try await env.raise(client, as: City.resident1Token)
            let parking = try await env.raise(client, as: City.resident2Token, title: "小区停车位不足", category: "parking")
            let open = try await env.raise(client, as: City.resident2Token, title: "路灯不亮", category: "public-facilities")
            for id in [leak, parking] {
                try await env.act(client, id, "acknowledge", as: City.secretaryA, extra: Self.owner)
                try await env.act(client, id, "refer", as: City.secretaryA)
            }
            let meeting = try await env.schedule(client, council: council.id, proposals: ["增设充电桩"])
            #expect(meeting.agenda.map(\.concernID) == [leak, parking, nil])
            #expect(meeting.agenda.map(\.title) == ["地下车库积水", "小区停车位不足", "增设充电桩"])
            // A concern that was not referred cannot go on the agenda.
            let refused = try await env.call(
                client,
                .post,
                "/v1/meetings/\(meeting.meeting.id)/agenda",
                as: City.secretaryA,
                json: #"{"concernIDs":[\#(open)]}"#
            )
            #expect(try refused.problem().fieldNames == ["concernIDs[0]"])
            let extended = try await env.expect(
                client,
                .post,
                "/v1/meetings/\(meeting.meeting.id)/agenda",
                as: City.secretaryA,
                json: #"{"proposals":["楼道堆物清理"]}"#,
                decoding: MeetingBody.self
            )
            #expect(extended.meeting.revision == 2 && extended.agenda.count == 4)
            // A second meeting takes only referred concerns not already on a coming agenda: none.
            let second = try await env.schedule(client, council: council.id)
            #expect(second.agenda.isEmpty)
            #expect(try await env.call(client, .get, "/v1/meetings/\(meeting.meeting.id)", as: City.resident2Token).status == .ok)
            #expect(try await env.call(client, .get, "/v1/meetings/\(meeting.meeting.id)", as: City.residentBToken).status == .notFound)
            let valid = #"{"title":"x","startsAt":"2030-12-05T10:00:00Z","endsAt":"2030-12-05T11:00:00Z"}"#
            let asResident = try await env.call(client, .post, "/v1/councils/\(council.id)/meetings", as: City.resident1Token, json: valid)
            #expect(asResident.status == .forbidden)
            let backwards = #"{"title":"x","startsAt":"2030-12-05T10:00:00Z","endsAt":"2030-12-05T09:00:00Z"}"#
            let invalid = try await env.call(client, .post, "/v1/councils/\(council.id)/meetings", as: City.secretaryA, json: backwards)
            #expect(try invalid.problem().fieldNames == ["endsAt"])
        }
        let scheduled = try await env.published(CouncilMeetingScheduled.self)
        #expect(scheduled.map(\.revision) == [1, 2, 1])
        #expect(scheduled[1].agenda == ["地下车库积水", "小区停车位不足", "增设充电桩", "楼道堆物清理"])
        #expect(scheduled[0].areaPath == City.pathA && scheduled[0].compoundID == City.compoundA && scheduled[0].venue == "党群服务站")
        #expect(Set(scheduled.map(\.eventID)).count == 3)
    }
}
