import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import Postgres
import ServiceKit
import ServiceTestSupport
import Testing

@Suite("Raising concerns")
struct IntakeTests {
    @Test func aResidentRaisesForTheirOwnHouseholdAndTheEventSaysWhere() async throws {
        let env = try await ConcernsTestEnvironment.make()
        try await env.test { client in
            let raised = try await env.expect(
                client,
                .post,
                "/v1/concerns",
                as: City.resident1Token,
                json:
                    #"{"category":"water-leak","source":"group-chat","title":"地下车库积水","description":"B2 层积水到脚踝","photos":["https://img.example/1.jpg"]}"#,
                status: .created,
                decoding: RaisedBody.self
            )
            let concern = raised.concern
            #expect(concern.state == "open" && concern.access == "own")
            #expect(concern.householdID == City.household1 && concern.compoundID == City.compoundA)
            #expect(concern.reporter?.residentID == City.resident1 && concern.reporter?.name == "张桂兰")
            #expect(concern.reporter?.phone == nil)  // not even to themselves: only staff see phones
            #expect(concern.expectedBy.timeIntervalSince(concern.raisedAt) == 48 * 3_600)  // water-leak's service level
            // Another household's id is refused, naming the field.
            let other = try await env.call(
                client,
                .post,
                "/v1/concerns",
                as: City.resident1Token,
                json: #"{"category":"noise","source":"app","title":"楼上噪音","householdID":\#(City.household2)}"#
            )
            #expect(other.status == .unprocessableContent)
            #expect(try other.problem().fieldNames == ["householdID"])
        }
        let events = try await env.published(ConcernRaised.self)
        #expect(events.count == 1)
        #expect(events.first?.concern.placement == City.placement(City.household1))
        #expect(events.first?.concern.reporterResidentID == City.resident1)
        #expect(events.first?.eventID == "concern.raised:\(events.first?.concern.concernID ?? 0)")
    }

    @Test func aHeadRaisesOnlyForHouseholdsTheyCover() async throws {
        let env = try await ConcernsTestEnvironment.make()
        try await env.test { client in
            let body = { (household: Int, reporter: Int) in
                #"{"category":"sanitation","source":"door-to-door","title":"垃圾清运不及时","householdID":\#(household),"reporterResidentID":\#(reporter)}"#
            }
            let raised = try await env.expect(
                client,
                .post,
                "/v1/concerns",
                as: City.head,
                json: body(City.household1, City.resident1),
                status: .created,
                decoding: RaisedBody.self
            )
            #expect(raised.concern.householdID == City.household1 && raised.concern.reporter?.residentID == City.resident1)
            // A household of another compound, and a reporter who does not live in the household, are refused.
            let elsewhere = try await env.call(client, .post, "/v1/concerns", as: City.head, json: body(City.householdB, City.residentB))
            #expect(elsewhere.status == .unprocessableContent)
            #expect(try elsewhere.problem().fieldNames == ["householdID"])
            let stranger = try await env.call(client, .post, "/v1/concerns", as: City.head, json: body(City.household2, City.resident1))
            #expect(try stranger.problem().fieldNames == ["reporterResidentID"])
            let missing = try await env.call(client, .post, "/v1/concerns", as: City.head, json: #"{"category":"noise","source":"app","title":"x"}"#)
            #expect(try missing.problem().fieldNames == ["householdID"])
        }
        // Once the registry says the assignment ended, the head no longer speaks for those households.
        try await env.publish([
            HeadVacated(
                assignmentID: 1,
                level: .neighbour,
                residentID: City.headResident,
                compoundID: City.compoundA,
                unitID: 7,
                householdIDs: [City.household1, City.household2],
                endedOn: Date()
            )
        ])
        try await env.test { client in
            let after = try await env.call(
                client,
                .post,
                "/v1/concerns",
                as: City.head,
                json: #"{"category":"noise","source":"app","title":"噪音","householdID":\#(City.household1)}"#
            )
            #expect(after.status == .unprocessableContent)
        }
    }

    @Test func staffRaiseForCompoundsInTheirScopeOnly() async throws {
        let env = try await ConcernsTestEnvironment.make()
        try await env.test { client in
            let body = #"{"category":"safety","source":"hotline","title":"消防通道被占","compoundID":\#(City.compoundA)}"#
            let raised = try await env.expect(
                client,
                .post,
                "/v1/concerns",
                as: City.secretaryA,
                json: body,
                status: .created,
                decoding: RaisedBody.self
            )
            #expect(raised.concern.access == "staff" && raised.concern.householdID == nil)
            let outside = try await env.call(client, .post, "/v1/concerns", as: City.secretaryB, json: body)
            #expect(outside.status == .unprocessableContent)
            #expect(try outside.problem().fieldNames == ["compoundID"])
            let district = try await env.call(client, .post, "/v1/concerns", as: City.districtA, json: body)
            #expect(district.status == .created)
            #expect(try await env.call(client, .post, "/v1/concerns", as: City.dashboard, json: body).status == .forbidden)
            #expect(try await env.call(client, .post, "/v1/concerns", as: nil, json: body).status == .unauthorized)
        }
    }

    @Test func badRequestsNameTheirFields() async throws {
        let env = try await ConcernsTestEnvironment.make()
        try await env.test { client in
            let cases: [(String, Set<String>)] = [
                (#"{"category":"noise","source":"fax","title":"  "}"#, ["source", "title"]),
                (#"{"category":"no-such","source":"app","title":"噪音"}"#, ["category"]),
                (#"{"category":"NOISE!","source":"app","title":"噪音"}"#, ["category"]),
                (#"{"category":"noise","source":"app","title":"噪音","photos":["javascript:alert(1)"]}"#, ["photos[0]"]),
                (#"{"source":"app","title":"噪音"}"#, ["category"]),
                (#"{"category":"noise","source":"app","title":42}"#, ["title"]),
            ]
            for (json, fields) in cases {
                let response = try await env.call(client, .post, "/v1/concerns", as: City.resident1Token, json: json)
                #expect(response.status == .unprocessableContent, "\(json)")
                #expect(Set(try response.problem().fieldNames) == fields, "\(json)")
            }
        }
        #expect(try await env.count("SELECT count(*) FROM concerns.concerns") == 0)
    }
}
