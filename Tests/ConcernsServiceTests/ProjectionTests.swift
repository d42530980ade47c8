import ConcernsService
import Foundation
import Hummingbird
import HummingbirdTesting
import JobQueue
import Models
import Postgres
import ServiceKit
import ServiceTestSupport
import Testing

@Suite("The projection of the registry, from its events")
struct ProjectionTests {
    @Test func lateAndRepeatedEventsDoNotUndoNewerOnes() async throws {
        let env = try await ConcernsTestEnvironment.make()
        let newcomer = 1004
        let token = Principal(subject: "resident:1004", role: .resident, householdIDs: [City.household2], residentID: newcomer)
        // The change (revision 2) overtakes the registration (revision 1); a stale compound rename arrives last.
        try await env.publish([
            ResidentChanged(residentID: newcomer, name: "陈晓梅", phone: "13500002222", revision: 2)
        ])
        try await env.publish([
            ResidentRegistered(
                residentID: newcomer,
                name: "陈小梅",
                phone: nil,
                birthYear: 1985,
                placement: City.placement(City.household2),
                registeredAt: Date(),
                revision: 1
            ),
            CompoundChanged(
                compoundID: City.compoundA,
                name: "旧名",
                areaPath: City.pathA,
                gridIDs: [1],
                hasPartyBranch: false,
                hasOwnersCommittee: false,
                hasPropertyCompany: false,
                hasRedProperty: false,
                revision: 0
            ),
        ])
        let id = try await env.test { client in
            let id = try await env.raise(client, as: token)
            let staff = try await env.expect(client, .get, "/v1/concerns/\(id)", as: City.secretaryA, decoding: ConcernBody.self)
            #expect(staff.reporter?.name == "陈晓梅" && staff.reporter?.phone == "13500002222")
            #expect(staff.householdID == City.household2)
            return id
        }
        #expect(try await env.count("SELECT count(*) FROM concerns.compounds WHERE name = '枫林小区'") == 1)
        // When the resident moves to compound B, they see B's concerns and no longer A's public side,
        // but still their own concern in A.
        try await env.publish([
            ResidentMoved(
                residentID: newcomer,
                from: City.placement(City.household2),
                to: City.placement(City.householdB),
                movedAt: Date(),
                revision: 3
            )
        ])
        try await env.test { client in
            let other = try await env.raise(client, as: City.resident1Token, title: "楼道堆物", category: "sanitation")
            let moved = Principal(subject: "resident:1004", role: .resident, householdIDs: [City.householdB], residentID: newcomer)
            let listed = try await env.expect(client, .get, "/v1/concerns", as: moved, decoding: ListBody.self)
            #expect(listed.items.map(\.id) == [id])
            #expect(try await env.call(client, .get, "/v1/concerns/\(other)", as: moved).status == .notFound)
            #expect(try await env.expect(client, .get, "/v1/concerns/\(id)", as: moved, decoding: ConcernBody.self).access == "own")
        }
    }

    @Test func theOpenAPIDocumentMatchesTheRoutes() async throws {
        let env = try await ConcernsTestEnvironment.make(seed: false)
        let (undocumented, unrouted) = try OpenAPIConformance.differences(router: env.router, document: try ConcernsService.openAPIDocument())
        #expect(undocumented == [])
        #expect(unrouted == [])
    }

    @Test func configurationIsReadFromTheEnvironmentNamingBadKeys() throws {
        let read = try ConcernsConfiguration(environment: [
            "LINLI_CONCERNS_REOPEN_WINDOW_DAYS": "14", "LINLI_CONCERNS_ESCALATION_SCHEDULE": "0 * * * *",
            "LINLI_CONCERNS_DUPLICATE_THRESHOLD_PERCENT": "40",
        ])
        #expect(read.reopenWindow == 14 * 86_400 && read.escalationSchedule.expression == "0 * * * *" && read.duplicateThreshold == 0.4)
        #expect(read.maxEscalations == 3 && read.escalationInterval == 86_400)
        #expect(throws: ConfigurationError.self) { try ConcernsConfiguration(environment: ["LINLI_CONCERNS_ESCALATION_SCHEDULE": "soon"]) }
        do {
            _ = try ConcernsConfiguration(environment: ["LINLI_CONCERNS_MAX_ESCALATIONS": "0"])
            Issue.record("a zero escalation limit was accepted")
        } catch {
            #expect(error.key == "LINLI_CONCERNS_MAX_ESCALATIONS")
        }
    }
}
