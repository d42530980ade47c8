import Foundation
import Hummingbird
import HummingbirdTesting
import JobQueue
import LinliTestSupport
import Postgres
import RegistryService
import ServiceKit
import ServiceTestSupport
import Testing

@Suite("The nightly job that ends head assignments past their last day, on the registry's clock")
struct HeadExpiryTests {
    struct UnitBody: Decodable { let id: Int }

    /// Runs the nightly job once and waits until the worker has finished `runs` of it in all.
    func runNightlyJob(_ env: RegistryTestEnvironment, runs: Int) async throws {
        let job = NewJob(
            kind: "registry.end-expired-head-assignments",
            version: 1,
            payload: Array("{}".utf8),
            options: JobOptions(queue: "registry")
        )
        _ = try await env.runtime.jobs.enqueue([job])
        try await waitUntil {
            let finished = try await env.pool.query(
                "SELECT count(*) FROM queue.finished WHERE kind = 'registry.end-expired-head-assignments' AND state = 'completed'"
            ).scalar(Int.self)
            return (finished ?? 0) >= runs
        }
    }

    func openAssignments(_ env: RegistryTestEnvironment) async throws -> Int {
        try await env.pool.query("SELECT count(*) FROM registry.head_assignments WHERE ended_at IS NULL").scalar(Int.self) ?? -1
    }

    @Test func anAssignmentIsEndedOnlyOnceTheClockHasPassedItsLastDay() async throws {
        // Noon in Beijing on the assignment's last day: the same calendar day in UTC too.
        let lastDay = try #require(ISO8601DateFormatter().date(from: "2026-03-10T00:00:00Z"))
        let clock = SettableClock(lastDay.addingTimeInterval(4 * 3_600))
        let env = try await RegistryTestEnvironment.make(clock: clock.clock)
        let city = try await CityFixture.make(on: env.pool)
        try await env.runtime.jobs.subscribe(queue: "notifications", to: ["head.vacated"])
        let head = try await env.resident("李片长", household: city.householdA1)
        let secretary = Principal(subject: "staff:a", role: .secretary, compoundIDs: [city.compoundA])
        try await env.test { client in
            let unit = try await env.send(
                client,
                .post,
                "/v1/compounds/\(city.compoundA)/head-units",
                as: secretary,
                json: #"{"level":"area","name":"一片"}"#
            )
            let unitID = try unit.decode(UnitBody.self).id
            let assigned = try await env.send(
                client,
                .post,
                "/v1/head-units/\(unitID)/assignments",
                as: secretary,
                json: #"{"residentID":\#(head),"startsOn":"2026-03-01T00:00:00Z","endsOn":"2026-03-10T00:00:00Z"}"#
            )
            #expect(assigned.status == .created, "\(String(buffer: assigned.body))")
        }
        RegistryService(
            runtime: env.runtime,
            configuration: try RegistryConfiguration(environment: ["LINLI_REGISTRY_DATA_KEY": RegistryTestEnvironment.dataKey])
        )
        .registerJobs(on: env.runtime.worker)
        let runtime = env.runtime
        try await QueueRunner.run([runtime.doorbell, runtime.wakeups, runtime.worker]) {
            // On its last day the assignment still holds.
            try await runNightlyJob(env, runs: 1)
            #expect(try await openAssignments(env) == 1)
            #expect(try await env.published("head.vacated").isEmpty)
            // A day later, the same job ends it.
            clock.advance(by: 86_400)
            try await runNightlyJob(env, runs: 2)
            #expect(try await openAssignments(env) == 0)
        }
        let vacated = try await env.published("head.vacated")
        #expect(vacated.count == 1)
        #expect((vacated.first?["endedOn"] as? String)?.hasPrefix("2026-03-11") == true)
    }
}
