import ConcernsService
import Foundation
import Hummingbird
import HummingbirdTesting
import JobQueue
import LinliTestSupport
import Models
import Postgres
import ServiceKit
import Testing

@Suite("Escalation of overdue concerns and action items")
struct EscalationTests {
    static let hour: TimeInterval = 3_600

    @Test func overdueConcernsEscalateOncePerLevelUpToTheLimit() async throws {
        let env = try await ConcernsTestEnvironment.make()
        let (leak, grass, settled) = try await env.test { client in
            let leak = try await env.raise(client, as: City.resident1Token)  // water-leak: 48 h
            let grass = try await env.raise(client, as: City.resident2Token, title: "草坪枯黄", category: "greening")  // 168 h
            let settled = try await env.raise(client, as: City.resident2Token, title: "楼顶渗水")  // 48 h, but settled in time
            try await env.act(client, leak, "acknowledge", as: City.secretaryA, extra: #","ownerParty":"property-company""#)
            try await env.act(client, settled, "acknowledge", as: City.secretaryA, extra: #","ownerParty":"property-company""#)
            try await env.act(client, settled, "settle", as: City.secretaryA)
            return (leak, grass, settled)
        }
        let start = Date()
        func escalate(after hours: Double) async throws -> EscalationReport {
            try await env.service.escalateOverdue(now: start.addingTimeInterval(hours * Self.hour))
        }
        #expect(try await escalate(after: 47).concerns == 0)
        #expect(try await escalate(after: 49).concerns == 1)  // the leak, level 0
        #expect(try await escalate(after: 49).concerns == 0)  // a rerun of the same slot adds nothing
        #expect(try await escalate(after: 72).concerns == 0)  // the next level is due a day after the first run
        #expect(try await escalate(after: 73.5).concerns == 1)  // level 1
        #expect(try await escalate(after: 98).concerns == 1)  // level 2, the last of the period (3 by default)
        #expect(try await escalate(after: 200).concerns == 1)  // the greening concern's level 0; the leak is done
        let events = try await env.published(ActionOverdue.self)
        #expect(events.map(\.subjectID) == [leak, leak, leak, grass])
        #expect(events.map(\.escalation) == [0, 1, 2, 0])
        #expect(
            events.map(\.eventID) == [
                "action.overdue:concern:\(leak):0", "action.overdue:concern:\(leak):1", "action.overdue:concern:\(leak):2",
                "action.overdue:concern:\(grass):0",
            ]
        )
        #expect(events.first?.ownerParty == .propertyCompany && events.first?.areaPath == City.pathA && events.first?.title == "地下车库积水")
        #expect(!events.map(\.subjectID).contains(settled))
        let shown = try await env.test { client in
            try await env.expect(client, .get, "/v1/concerns/\(leak)", as: City.secretaryA, decoding: ConcernBody.self)
        }
        #expect(shown.escalations == 3)
    }

    /// The service's clock, not an argument, decides what is overdue: moved past the leak's 48 h
    /// deadline, the escalation finds it; before that, nothing.
    @Test func theServiceClockDecidesWhenAConcernIsOverdue() async throws {
        let clock = SettableClock(Date())
        let env = try await ConcernsTestEnvironment.make(clock: clock.clock)
        let leak = try await env.test { client in
            let leak = try await env.raise(client, as: City.resident1Token)  // water-leak: 48 h
            try await env.act(client, leak, "acknowledge", as: City.secretaryA, extra: #","ownerParty":"property-company""#)
            return leak
        }
        #expect(try await env.service.escalateOverdue().concerns == 0)
        clock.advance(by: 47 * Self.hour)
        #expect(try await env.service.escalateOverdue().concerns == 0)
        clock.advance(by: 2 * Self.hour)
        #expect(try await env.service.escalateOverdue().concerns == 1)
        #expect(try await env.published(ActionOverdue.self).map(\.subjectID) == [leak])
    }

    @Test func aReopenedConcernStartsANewPeriodWithFreshEventIDs() async throws {
        let env = try await ConcernsTestEnvironment.make(configuration: .init(escalationSchedule: try CronSchedule("0 0 1 1 *"), maxEscalations: 1))
        let id = try await env.test { client in
            let id = try await env.raise(client, as: City.resident1Token)
            try await env.act(client, id, "acknowledge", as: City.secretaryA, extra: #","ownerParty":"property-company""#)
            return id
        }
        #expect(try await env.service.escalateOverdue(now: Date().addingTimeInterval(49 * Self.hour)).concerns == 1)
        try await env.test { client in
            try await env.act(client, id, "settle", as: City.secretaryA)
            try await env.act(client, id, "reopen", as: City.resident1Token)
        }
        #expect(try await env.service.escalateOverdue(now: Date().addingTimeInterval(47 * Self.hour)).concerns == 0)
        #expect(try await env.service.escalateOverdue(now: Date().addingTimeInterval(49 * Self.hour)).concerns == 1)
        let events = try await env.published(ActionOverdue.self)
        #expect(events.map(\.escalation) == [0, 1])
    }

    @Test func overdueActionItemsEscalateUntilCompleted() async throws {
        let env = try await ConcernsTestEnvironment.make()
        let item = try await env.test { client in
            let council = try await env.makeCouncil(client)
            let meeting = try await env.schedule(client, council: council.id, proposals: ["增设充电桩"])
            _ = try await env.hold(client, meeting: meeting.meeting.id, parties: CouncilParty.all.map(\.rawValue))
            let due = ISO8601DateFormatter().string(from: Date().addingTimeInterval(24 * Self.hour))
            let decision = try await env.expect(
                client,
                .post,
                "/v1/meetings/\(meeting.meeting.id)/decisions",
                as: City.secretaryA,
                json: #"{"summary":"物业两周内增设充电桩","actionItems":[{"title":"安装 10 个充电桩","ownerParty":"property-company","dueAt":"\#(due)"}]}"#,
                status: .created,
                decoding: DecisionBody.self
            )
            return decision.actionItems[0].id
        }
        #expect(try await env.service.escalateOverdue(now: Date().addingTimeInterval(23 * Self.hour)).actionItems == 0)
        #expect(try await env.service.escalateOverdue(now: Date().addingTimeInterval(25 * Self.hour)).actionItems == 1)
        try await env.test { client in
            let done = try await env.expect(
                client,
                .post,
                "/v1/action-items/\(item)/progress",
                as: City.propertyManager,
                json: #"{"progress":100,"note":"已安装"}"#,
                decoding: DecisionBody.ActionItem.self
            )
            #expect(done.completedAt != nil && done.escalations == 1)
        }
        #expect(try await env.service.escalateOverdue(now: Date().addingTimeInterval(100 * Self.hour)).actionItems == 0)
        let events = try await env.published(ActionOverdue.self)
        #expect(events.map(\.eventID) == ["action.overdue:action-item:\(item):0"])
        #expect(events.first?.ownerParty == .propertyCompany)
    }

    @Test func thePeriodicJobEscalatesOnTheQueue() async throws {
        let env = try await ConcernsTestEnvironment.make()
        let id = try await env.test { client in try await env.raise(client, as: City.resident1Token) }
        try await env.age(concern: id, dueBy: 3_600)
        // A real worker with the service's jobs: its maintenance loop enqueues the slot, its handler escalates.
        let worker = JobWorker(
            configuration: .init(queue: "concerns", pollInterval: .milliseconds(50)),
            jobs: env.runtime.jobs,
            wakeups: env.runtime.wakeups,
            logger: env.runtime.logger
        )
        let everyMinute = ConcernsService(runtime: env.runtime, configuration: .init(escalationSchedule: try CronSchedule("* * * * *")))
        everyMinute.registerJobs(on: worker)
        try await withRunning([worker]) {
            try await waitUntil("the periodic escalation to publish action.overdue", timeout: .seconds(60)) {
                try await !env.published(ActionOverdue.self).isEmpty
            }
        }
        let events = try await env.published(ActionOverdue.self)
        #expect(events.map(\.eventID) == ["action.overdue:concern:\(id):0"])
        let ran = try await env.count("SELECT count(*) FROM queue.finished WHERE kind = 'concerns.escalate-overdue' AND state = 'completed'")
        #expect(ran >= 1)
    }
}
