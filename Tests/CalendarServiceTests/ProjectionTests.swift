import Foundation
import Hummingbird
import JobQueue
import Models
import Postgres
import ServiceKit
import ServiceTestSupport
import Testing

@testable import CalendarService

@Suite("The projection of the registry, built from its events through the queue")
struct ProjectionTests {
    @Test func registryEventsBuildTheProjectionThatDecidesWhoMayRegisterWhom() async throws {
        let env = try await CalendarTestEnvironment.make()
        let placement = Placement(areaPath: City.paths[City.fenglin]!, compoundID: City.fenglin, householdID: 3001)
        try await env.running {
            let jobs = env.runtime.jobs
            try await jobs.publish(
                HouseholdChanged(householdID: 3001, placement: placement, dwelling: "5栋1单元302", memberIDs: [9001], dissolved: false, revision: 1)
            )
            // A move (revision 2) delivered before the registration (revision 1): the newer placement wins, the name still arrives.
            let moved = Placement(areaPath: City.paths[City.fenglin]!, compoundID: City.fenglin, householdID: 1002)
            try await jobs.publish(ResidentMoved(residentID: 9001, from: placement, to: moved, movedAt: Date(), revision: 2))
            try await jobs.publish(
                ResidentRegistered(
                    residentID: 9001,
                    name: "王奶奶",
                    phone: "13900000000",
                    birthYear: 1940,
                    placement: placement,
                    registeredAt: Date(),
                    revision: 1
                )
            )
            try await jobs.publish(ResidentChanged(residentID: 9001, name: "王秀英", phone: nil, revision: 4))
            try await jobs.publish(ResidentChanged(residentID: 9001, name: "旧名", phone: nil, revision: 3))
            try await env.environment.waitUntilDrained()
        }
        let row = try await env.pool.query("SELECT name, household_id, phone FROM calendar.residents WHERE id = 9001")[0]
        #expect(try row.decode("name", as: String.self) == "王秀英")
        #expect(try row.decode("household_id", as: Int.self) == 1002)
        #expect(try row.decode("phone", as: String?.self) == nil)
        #expect(try await env.count("SELECT count(*) FROM calendar.households WHERE id = 3001") == 1)
        // 9001 now lives in household 1002, which the head covers.
        let start = Local.at(days: 5, hour: 9)
        let activity = try await env.published(start: start)
        #expect(try await env.register(activity.id, start, resident: 9001, as: City.head).status == .created)
    }

    @Test func aVacatedHeadNoLongerRegistersTheHouseholds() async throws {
        let env = try await CalendarTestEnvironment.make()
        let start = Local.at(days: 5, hour: 9)
        let activity = try await env.published(start: start)
        #expect(try await env.register(activity.id, start, resident: 5001, as: City.head).status == .created)
        try await env.running {
            try await env.runtime.jobs.publish(
                HeadVacated(
                    assignmentID: City.headAssignment,
                    level: .neighbour,
                    residentID: 5010,
                    compoundID: City.fenglin,
                    unitID: 9,
                    householdIDs: [1001, 1002],
                    endedOn: Date()
                )
            )
            // Delivered twice: the second is skipped.
            try await env.runtime.jobs.publish(
                HeadVacated(
                    assignmentID: City.headAssignment,
                    level: .neighbour,
                    residentID: 5010,
                    compoundID: City.fenglin,
                    unitID: 9,
                    householdIDs: [1001, 1002],
                    endedOn: Date()
                )
            )
            try await env.environment.waitUntilDrained()
        }
        #expect(try await env.register(activity.id, start, resident: 5002, as: City.head).status == .notFound)
        #expect(try await env.count("SELECT count(*) FROM queue.consumed_events WHERE event_id = 'head.vacated:77'") == 1)
    }

    @Test func aCompoundRenamedWithAnOlderRevisionKeepsItsNewerName() async throws {
        let env = try await CalendarTestEnvironment.make()
        try await env.running {
            for (name, revision) in [("枫林雅苑", 3), ("枫林旧称", 2)] {
                try await env.runtime.jobs.publish(
                    CompoundChanged(
                        compoundID: City.fenglin,
                        name: name,
                        areaPath: City.paths[City.fenglin]!,
                        gridIDs: [],
                        hasPartyBranch: true,
                        hasOwnersCommittee: false,
                        hasPropertyCompany: false,
                        hasRedProperty: false,
                        revision: revision
                    )
                )
            }
            try await env.environment.waitUntilDrained()
        }
        #expect(try await env.pool.query("SELECT name FROM calendar.compounds WHERE id = 101").scalar(String.self) == "枫林雅苑")
    }
}
