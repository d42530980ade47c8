import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import ServiceKit
import ServiceTestSupport
import Testing

/// Who sees and does what: residents see the public side of their compound's concerns and all of
/// their own; the owner party's seat holder sees and works on what is assigned to them; staff see
/// everything in their scope, phones included; everyone else gets 404.
@Suite("Authorisation per concern")
struct AccessTests {
    /// A council for compound A with the property manager in the property company's seat.
    func seatPropertyManager(_ client: some TestClientProtocol, env: ConcernsTestEnvironment) async throws {
        let json =
            #"{"compoundID":\#(City.compoundA),"seats":[{"party":"property-company","holderSubject":"\#(City.propertyManager.subject)","holderName":"周经理"}]}"#
        _ = try await env.call(client, .post, "/v1/councils", as: City.secretaryA, json: json)
    }

    @Test func eachCallerSeesTheirShareOfAConcern() async throws {
        let env = try await ConcernsTestEnvironment.make()
        try await env.test { client in
            try await seatPropertyManager(client, env: env)
            let id = try await env.raise(client, as: City.resident1Token, extra: #","description":"B2 层积水到脚踝""#)
            try await env.act(client, id, "acknowledge", as: City.secretaryA, extra: #","ownerParty":"property-company","note":"已转物业""#)
            _ = try await env.expect(
                client,
                .post,
                "/v1/concerns/\(id)/updates",
                as: City.secretaryA,
                json: #"{"note":"承包商两次未到场","public":false}"#,
                decoding: ConcernBody.self
            )
            func view(_ principal: Principal) async throws -> ConcernBody {
                try await env.expect(client, .get, "/v1/concerns/\(id)", as: principal, decoding: ConcernBody.self)
            }
            let own = try await view(City.resident1Token)
            #expect(own.access == "own" && own.description == "B2 层积水到脚踝" && own.householdID == City.household1)
            #expect(own.reporter?.name == "张桂兰" && own.reporter?.phone == nil)
            #expect(own.updates.map(\.action) == ["raise", "acknowledge"] && own.updates.allSatisfy { $0.author == nil })
            #expect(try await view(City.head).access == "own")  // the head of the reporter's household
            let neighbour = try await view(City.resident2Token)
            #expect(neighbour.access == "public" && neighbour.description == nil && neighbour.reporter == nil && neighbour.householdID == nil)
            #expect(neighbour.updates.map(\.note) == [nil, "已转物业"])
            let owner = try await view(City.propertyManager)
            #expect(owner.access == "owner" && owner.updates.map(\.action) == ["raise", "acknowledge", "note"])
            #expect(owner.reporter?.phone == nil)
            let staff = try await view(City.secretaryA)
            #expect(staff.access == "staff" && staff.reporter?.phone == "13800001234" && staff.updates.last?.author == City.secretaryA.subject)
            #expect(try await view(City.districtA).access == "staff")
            for outsider in [City.residentBToken, City.secretaryB, City.dashboard] {
                #expect(try await env.call(client, .get, "/v1/concerns/\(id)", as: outsider).status == .notFound, "\(outsider.subject)")
            }
            #expect(try await env.call(client, .get, "/v1/concerns/\(id)", as: nil).status == .unauthorized)
            #expect(try await env.call(client, .get, "/v1/concerns/999999", as: City.admin).status == .notFound)
        }
    }

    @Test func listsAreScopedAndActionsNeedTheRightRole() async throws {
        let env = try await ConcernsTestEnvironment.make()
        try await env.test { client in
            try await seatPropertyManager(client, env: env)
            let id = try await env.raise(client, as: City.resident1Token)
            let other = try await env.raise(client, as: City.resident2Token, title: "绿化带杂草丛生", category: "greening")
            func list(_ principal: Principal, _ query: String = "") async throws -> [Int] {
                try await env.expect(client, .get, "/v1/concerns\(query)", as: principal, decoding: ListBody.self).items.map(\.id)
            }
            #expect(try await list(City.resident2Token) == [other, id])
            #expect(try await list(City.resident2Token, "?mine=true") == [other])
            #expect(try await list(City.residentBToken) == [])
            #expect(try await list(City.secretaryB) == [])
            #expect(try await list(City.districtA, "?state=open&category=greening") == [other])
            #expect(try await list(City.admin, "?limit=1").count == 1)
            #expect(try await env.call(client, .get, "/v1/concerns", as: City.dashboard).status == .forbidden)
            #expect(try await env.call(client, .get, "/v1/concerns?state=lost", as: City.admin).problem().fieldNames == ["state"])
            // Neighbours and outsiders cannot move it on; the owner may only once it is theirs.
            let transition = { (action: String, principal: Principal) in
                try await env.call(client, .post, "/v1/concerns/\(id)/transitions", as: principal, json: #"{"action":"\#(action)"}"#).status
            }
            #expect(try await transition("acknowledge", City.resident2Token) == .forbidden)
            #expect(try await transition("acknowledge", City.propertyManager) == .forbidden)
            #expect(try await transition("acknowledge", City.residentBToken) == .notFound)
            try await env.act(client, id, "acknowledge", as: City.secretaryA, extra: #","ownerParty":"property-company""#)
            #expect(try await transition("start", City.propertyManager) == .ok)
            #expect(try await transition("refer", City.propertyManager) == .forbidden)
            #expect(try await transition("settle", City.resident1Token) == .forbidden)
            let note = try await env.call(client, .post, "/v1/concerns/\(id)/updates", as: City.resident2Token, json: #"{"note":"x","public":true}"#)
            #expect(note.status == .forbidden)
            // Handed to the owners' committee, it is no longer the property company's to work on.
            let reassigned = try await env.expect(
                client,
                .put,
                "/v1/concerns/\(id)/owner",
                as: City.secretaryA,
                json: #"{"ownerParty":"owners-committee","note":"涉及维修基金"}"#,
                decoding: ConcernBody.self
            )
            #expect(reassigned.ownerParty == "owners-committee")
            #expect(try await transition("settle", City.propertyManager) == .forbidden)
            let asOwner = try await env.expect(client, .get, "/v1/concerns/\(id)", as: City.propertyManager, decoding: ConcernBody.self)
            #expect(asOwner.access == "public")
        }
        let updates = try await env.published(ConcernUpdated.self)
        #expect(updates.map(\.state) == ["acknowledged", "in-progress", "in-progress"])
        #expect(updates.last?.ownerParty == .ownersCommittee && updates.last?.publicNote == "涉及维修基金")
    }

    @Test func meTooCountsOncePerOtherHousehold() async throws {
        let env = try await ConcernsTestEnvironment.make()
        try await env.test { client in
            let id = try await env.raise(client, as: City.resident1Token)
            struct Outcome: Decodable {
                let added: Bool
                let meTooCount: Int
            }
            let first = try await env.expect(client, .post, "/v1/concerns/\(id)/me-too", as: City.resident2Token, json: "{}", decoding: Outcome.self)
            #expect(first.added && first.meTooCount == 1)
            let again = try await env.expect(client, .post, "/v1/concerns/\(id)/me-too", as: City.resident2Token, json: "{}", decoding: Outcome.self)
            #expect(!again.added && again.meTooCount == 1)
            let byHead = try await env.expect(
                client,
                .post,
                "/v1/concerns/\(id)/me-too",
                as: City.head,
                json: #"{"householdID":\#(City.headHousehold)}"#,
                decoding: Outcome.self
            )
            #expect(byHead.added && byHead.meTooCount == 2)
            let own = try await env.call(client, .post, "/v1/concerns/\(id)/me-too", as: City.resident1Token, json: "{}")
            #expect(own.status == .conflict)
            #expect(try await env.call(client, .post, "/v1/concerns/\(id)/me-too", as: City.residentBToken, json: "{}").status == .notFound)
            let notTheirs = try await env.call(
                client,
                .post,
                "/v1/concerns/\(id)/me-too",
                as: City.resident2Token,
                json: #"{"householdID":\#(City.headHousehold)}"#
            )
            #expect(try notTheirs.problem().fieldNames == ["householdID"])
            let concern = try await env.expect(client, .get, "/v1/concerns/\(id)", as: City.secretaryA, decoding: ConcernBody.self)
            #expect(concern.meTooCount == 2)
        }
    }
}
