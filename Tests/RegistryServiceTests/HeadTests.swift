import Foundation
import Hummingbird
import HummingbirdTesting
import JobQueue
import Postgres
import RegistryService
import ServiceKit
import ServiceTestSupport
import Testing

@Suite("The three heads: units, spans, time-bounded assignments, coverage")
struct HeadTests {
    struct UnitBody: Decodable {
        let id: Int
        let householdIDs: [Int]
        let warning: String?
        let head: HeadBody?
    }
    struct HeadBody: Decodable {
        let assignmentID: Int
        let residentID: Int
    }
    struct CoverageBody: Decodable {
        let households: Int
        let withActiveHead: Int
        let withoutHead: Int
        let vacantUnits: [Int]
    }

    @Test func neighbourUnitsAssignmentsAndCoverage() async throws {
        let env = try await RegistryTestEnvironment.make()
        let city = try await CityFixture.make(on: env.pool)
        try await env.runtime.jobs.subscribe(queue: "notifications", to: ["head.assigned", "head.vacated"])
        // Twenty households in compound A: one neighbour unit will link eighteen of them.
        let households = try await env.pool.withTransaction { tx in
            try (1...18).map { try CityFixture.household(city.compoundA, "3-\($0)", on: tx) }
        }
        let headResident = try await env.resident("王邻长", household: city.householdA1)
        let secretary = Principal(subject: "staff:a", role: .secretary, compoundIDs: [city.compoundA])
        try await env.test { client in
            let area = try await env.send(
                client,
                .post,
                "/v1/compounds/\(city.compoundA)/head-units",
                as: secretary,
                json: #"{"level":"area","name":"一片"}"#
            )
            #expect(area.status == .created, "\(String(buffer: area.body))")
            let areaID = try area.decode(UnitBody.self).id
            let group = try await env.send(
                client,
                .post,
                "/v1/compounds/\(city.compoundA)/head-units",
                as: secretary,
                json: #"{"level":"group","name":"一组","parentID":\#(areaID)}"#
            )
            let groupID = try group.decode(UnitBody.self).id
            let badParent = try await env.send(
                client,
                .post,
                "/v1/compounds/\(city.compoundA)/head-units",
                as: secretary,
                json: #"{"level":"neighbour","name":"x","parentID":\#(areaID)}"#
            )
            #expect(badParent.status == .unprocessableContent)
            let unit = try await env.send(
                client,
                .post,
                "/v1/compounds/\(city.compoundA)/head-units",
                as: secretary,
                json: #"{"level":"neighbour","name":"一邻","parentID":\#(groupID)}"#
            )
            let unitID = try unit.decode(UnitBody.self).id
            // 18 households: accepted with a warning; 31 would be refused.
            let linked = try await env.send(
                client,
                .put,
                "/v1/head-units/\(unitID)/households",
                as: secretary,
                json: #"{"householdIDs":\#(households)}"#
            )
            #expect(linked.status == .ok)
            #expect(try linked.decode(UnitBody.self).warning?.contains("5–15") == true)
            let tooMany = try await env.send(
                client,
                .put,
                "/v1/head-units/\(unitID)/households",
                as: secretary,
                json: #"{"householdIDs":\#(Array(1...31))}"#
            )
            #expect(tooMany.status == .unprocessableContent)
            let foreign = try await env.send(
                client,
                .put,
                "/v1/head-units/\(unitID)/households",
                as: secretary,
                json: #"{"householdIDs":[\#(city.householdB1)]}"#
            )
            #expect(foreign.status == .unprocessableContent)
            // Before any head: every household is uncovered.
            let before = try await env.send(client, .get, "/v1/compounds/\(city.compoundA)/coverage", as: secretary).decode(CoverageBody.self)
            #expect(before.households == 20)
            #expect(before.withActiveHead == 0)
            let assigned = try await env.send(
                client,
                .post,
                "/v1/head-units/\(unitID)/assignments",
                as: secretary,
                json: #"{"residentID":\#(headResident)}"#
            )
            #expect(assigned.status == .created)
            let assignment = try assigned.decode(UnitBody.self).head
            #expect(assignment?.residentID == headResident)
            let after = try await env.send(client, .get, "/v1/compounds/\(city.compoundA)/coverage", as: secretary).decode(CoverageBody.self)
            #expect(after.withActiveHead == 18)
            #expect(after.withoutHead == 2)
            #expect(!after.vacantUnits.contains(unitID))
            // Ending the assignment leaves the unit vacant.
            let ended = try await env.send(client, .post, "/v1/head-assignments/\(assignment?.assignmentID ?? 0)/end", as: secretary, json: "{}")
            #expect(ended.status == .noContent)
            let vacant = try await env.send(client, .get, "/v1/compounds/\(city.compoundA)/coverage", as: secretary).decode(CoverageBody.self)
            #expect(vacant.withActiveHead == 0)
            #expect(vacant.vacantUnits.contains(unitID))
            // Another compound's secretary cannot touch the unit.
            let outsider = Principal(subject: "staff:b", role: .secretary, compoundIDs: [city.compoundB])
            let refused = try await env.send(
                client,
                .post,
                "/v1/head-units/\(unitID)/assignments",
                as: outsider,
                json: #"{"residentID":\#(headResident)}"#
            )
            #expect(refused.status == .notFound)
        }
        let assignedEvents = try await env.published("head.assigned")
        let vacatedEvents = try await env.published("head.vacated")
        #expect(assignedEvents.count == 1)
        #expect((assignedEvents.first?["householdIDs"] as? [Int])?.count == 18)
        #expect(vacatedEvents.count == 1)
    }
}
