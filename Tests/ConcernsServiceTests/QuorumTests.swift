import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import ServiceKit
import ServiceTestSupport
import Testing

@Suite("Quorum, decisions and action items")
struct QuorumTests {
    static let owner = #","ownerParty":"property-company""#

    @Test func decisionsNeedAQuorumOfAllFourParties() async throws {
        let env = try await ConcernsTestEnvironment.make()
        try await env.test { client in
            let council = try await env.makeCouncil(client)
            let leak = try await env.raise(client, as: City.resident1Token)
            let parking = try await env.raise(client, as: City.resident2Token, title: "小区停车位不足", category: "parking")
            for id in [leak, parking] {
                try await env.act(client, id, "acknowledge", as: City.secretaryA, extra: Self.owner)
                try await env.act(client, id, "refer", as: City.secretaryA)
            }
            let first = try await env.schedule(client, council: council.id)
            let decide = #"{"summary":"物业负责抽水并加装排水泵","concernIDs":[\#(leak)],"settlesConcerns":true}"#
            let early = try await env.call(client, .post, "/v1/meetings/\(first.meeting.id)/decisions", as: City.secretaryA, json: decide)
            #expect(try early.problem().type.hasSuffix("/not-held"))
            // Without the property company, the meeting is held but not quorate: no decisions.
            let held = try await env.hold(
                client,
                meeting: first.meeting.id,
                parties: ["party-branch", "owners-committee", "resident-representatives", "party-branch"]
            )
            #expect(held.meeting.quorumMet == false && held.partiesPresent == ["party-branch", "owners-committee", "resident-representatives"])
            let refused = try await env.call(client, .post, "/v1/meetings/\(first.meeting.id)/decisions", as: City.secretaryA, json: decide)
            #expect(refused.status == .conflict)
            let problem = try refused.problem()
            #expect(problem.type.hasSuffix("/no-quorum") && (problem.detail ?? "").contains("property-company"))
            #expect(
                try await env.call(
                    client,
                    .post,
                    "/v1/meetings/\(first.meeting.id)/hold",
                    as: City.secretaryA,
                    json: #"{"attendees":[{"party":"party-branch","name":"x"}]}"#
                ).status == .conflict
            )
            // The next meeting has all four parties: decisions settle one concern and send the other back to its owner.
            let second = try await env.schedule(client, council: council.id)
            #expect(second.agenda.compactMap(\.concernID) == [leak, parking])
            _ = try await env.hold(client, meeting: second.meeting.id, parties: CouncilParty.all.map(\.rawValue))
            let notOnAgenda = try await env.call(
                client,
                .post,
                "/v1/meetings/\(second.meeting.id)/decisions",
                as: City.secretaryA,
                json: #"{"summary":"x","concernIDs":[999]}"#
            )
            #expect(try notOnAgenda.problem().fieldNames == ["concernIDs[0]"])
            let settling = try await env.expect(
                client,
                .post,
                "/v1/meetings/\(second.meeting.id)/decisions",
                as: City.secretaryA,
                json: decide,
                status: .created,
                decoding: DecisionBody.self
            )
            #expect(settling.concernIDs == [leak])
            let due = "2030-12-31T00:00:00Z"
            let working = try await env.expect(
                client,
                .post,
                "/v1/meetings/\(second.meeting.id)/decisions",
                as: City.secretaryA,
                json:
                    #"{"summary":"业委会与物业共同划线扩容车位","concernIDs":[\#(parking)],"actionItems":[{"title":"重新划线","ownerParty":"property-company","dueAt":"\#(due)"},{"title":"业主大会表决","ownerParty":"owners-committee","dueAt":"\#(due)"}]}"#,
                status: .created,
                decoding: DecisionBody.self
            )
            #expect(working.actionItems.map(\.ownerParty) == ["property-company", "owners-committee"])
            let leakNow = try await env.expect(client, .get, "/v1/concerns/\(leak)", as: City.resident1Token, decoding: ConcernBody.self)
            let parkingNow = try await env.expect(client, .get, "/v1/concerns/\(parking)", as: City.resident2Token, decoding: ConcernBody.self)
            #expect(leakNow.state == "settled" && leakNow.updates.last?.note == "物业负责抽水并加装排水泵")
            #expect(parkingNow.state == "in-progress")
            // Action items: the owner party's seat holder reports progress on theirs only.
            let item = working.actionItems[0].id
            let wrongParty = try await env.call(
                client,
                .post,
                "/v1/action-items/\(item)/progress",
                as: City.resident2Token,
                json: #"{"progress":50}"#
            )
            #expect(wrongParty.status == .forbidden)
            let outsider = try await env.call(client, .post, "/v1/action-items/\(item)/progress", as: City.residentBToken, json: #"{"progress":50}"#)
            #expect(outsider.status == .notFound)
            let badValue = try await env.call(
                client,
                .post,
                "/v1/action-items/\(item)/progress",
                as: City.propertyManager,
                json: #"{"progress":150}"#
            )
            #expect(try badValue.problem().fieldNames == ["progress"])
            let progressed = try await env.expect(
                client,
                .post,
                "/v1/action-items/\(item)/progress",
                as: City.propertyManager,
                json: #"{"progress":50,"note":"已完成一半"}"#,
                decoding: DecisionBody.ActionItem.self
            )
            #expect(progressed.progress == 50 && progressed.completedAt == nil)
            struct ItemsPage: Decodable { let items: [DecisionBody.ActionItem] }
            let open = try await env.expect(
                client,
                .get,
                "/v1/action-items?open=true&ownerParty=owners-committee",
                as: City.resident1Token,
                decoding: ItemsPage.self
            )
            #expect(open.items.map(\.ownerParty) == ["owners-committee"])
            let none = try await env.expect(client, .get, "/v1/action-items", as: City.secretaryB, decoding: ItemsPage.self)
            #expect(none.items.isEmpty)
            let minutes = try await env.expect(
                client,
                .put,
                "/v1/meetings/\(second.meeting.id)/minutes",
                as: City.secretaryA,
                json: #"{"minutes":"四方到齐，形成两项决议"}"#,
                decoding: MeetingBody.self
            )
            #expect(minutes.minutes == "四方到齐，形成两项决议" && minutes.decisions.count == 2)
        }
        let held = try await env.published(CouncilMeetingHeld.self)
        #expect(held.map(\.quorumMet) == [false, true])
        #expect(held[1].partiesPresent == CouncilParty.all)
        let decisions = try await env.published(DecisionRecorded.self)
        #expect(decisions.map(\.actionItemCount) == [0, 2])
        #expect(decisions.map(\.concernIDs).count == 2)
        let settled = try await env.published(ConcernSettled.self)
        #expect(settled.count == 1)
    }
}
