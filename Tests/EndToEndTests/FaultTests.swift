import Foundation
import LinliTestSupport
import Postgres
import ServiceKit
import Testing

extension EndToEnd {
    /// The festival again, with services SIGKILLed mid-flow, PostgreSQL restarted and the queue
    /// listeners' sessions terminated: afterwards every message arrived once, no points twice, exact figures.
    @Suite("End to end: crashes, a database restart and lost listeners lose and double nothing", .serialized)
    struct FaultTests {
        /// Activities compound A publishes while notifications is down: five group messages at once.
        static let groupActivities = (1...5).map { "邻里活动第\($0)场" }

        @Test func killedServicesARestartedDatabaseAndTerminatedListenersLoseNothingAndDoubleNothing() async throws {
            try await SystemUnderTest.run { system in try await faults(system) }
        }

        private func faults(_ system: SystemUnderTest) async throws {
            let city = try await Neighbourhood.build(in: system)
            try await system.waitForQuietQueue("the registry's events reach every projection")
            let festival = FestivalFlow(system: system, city: city)
            let (themeID, _) = try await festival.publishTheme()
            let activityID = try await festival.publishDraft(themeID: themeID)

            // 1. Notifications is SIGKILLed (idle), five more activities are published meanwhile, and once
            // it is back it is SIGKILLed again right after the first two group messages were sent and
            // recorded, while the other three wait on the robot's limit (so no send is in flight: a robot
            // cannot deduplicate a message whose answer was lost).
            try await system.waitForQuietQueue("the festival's messages")
            await system.notifications.kill()
            let calendar = try await system.client(system.calendar, as: city.secretary)
            for title in Self.groupActivities {
                let id = try await calendar.create(
                    "/v1/activities",
                    #"{"compoundID":\#(city.compoundA),"title":"\#(title)","start":"\#(festival.start)","durationMinutes":60,"location":"小区广场"}"#
                )
                try await calendar.send("POST", "/v1/activities/\(id)/publish")
            }
            try await Task.sleep(for: .seconds(SystemUnderTest.robotWindowSeconds))  // the festival's send leaves the window
            try await system.notifications.start()
            try await Waiting.until("two of the five group messages sent and recorded") {
                try await system.count(
                    """
                    SELECT count(*) FROM notify.deliveries d JOIN notify.messages m ON m.id = d.message_id
                    WHERE d.channel = 'wecom-robot' AND d.status = 'sent' AND m.title LIKE '%邻里活动%'
                    """
                ) >= SystemUnderTest.robotLimit
            }
            await system.notifications.kill()
            let sentBeforeKill = system.robot.messages(key: Neighbourhood.robotA).filter { $0.content.contains("邻里活动") }.count
            try await system.notifications.start()

            // 2. The registry and analytics are SIGKILLed while attendance events are pending for them
            // (analytics right after the first check-in, so it may die mid-batch); PostgreSQL restarts under
            // every service meanwhile; then both come back.
            var registrations: [Registration] = []
            for index in 0..<4 { registrations.append(try await festival.register(index, activityID: activityID)) }
            await system.registry.kill()
            for (index, registration) in registrations.prefix(3).enumerated() {
                #expect(try await festival.checkIn(registration, activityID: activityID) == 201)
                if index == 0 { await system.analytics.kill() }
            }
            try await system.cluster.restart()
            try await system.registry.start()
            try await system.analytics.start()
            for service in system.services { try await service.waitUntilReady() }

            // 3. The queue listeners' sessions are terminated; the next attendance still travels.
            let listeners: SQL = "SELECT count(*) FROM pg_stat_activity WHERE query ILIKE 'LISTEN%'"
            try await Waiting.until("every service's queue listener to be connected again") {
                try await system.count(listeners) == system.services.count
            }
            let terminated = try await system.count(
                "SELECT count(*) FROM pg_stat_activity WHERE query ILIKE 'LISTEN%' AND pg_terminate_backend(pid)"
            )
            #expect(terminated == system.services.count)
            #expect(try await festival.checkIn(registrations[3], activityID: activityID) == 201)

            // Everything arrives, once.
            let attendees = [0, 1, 2, 3]
            for index in attendees {
                try await Waiting.until(timeout: .seconds(90), "points for resident \(index) after the faults") {
                    try await system.points(of: city.residents[index]).balance == FestivalFlow.points
                }
            }
            try await Waiting.until(timeout: .seconds(90), "every activity in compound A's group") {
                Self.groupActivities.allSatisfy { title in system.robot.messages(key: Neighbourhood.robotA).contains { $0.content.contains(title) } }
            }
            try await system.waitForMetric("attendances", compound: city.compoundA, month: festival.month, equal: 4)
            try await system.waitForQuietQueue("the flow after the faults")

            let robotA = system.robot.messages(key: Neighbourhood.robotA)
            #expect(sentBeforeKill == SystemUnderTest.robotLimit, "the kill fell between the group messages")
            for title in Self.groupActivities { #expect(robotA.filter { $0.content.contains(title) }.count == 1, "\(title) in the group") }
            #expect(robotA.filter { $0.content.contains(FestivalFlow.title) }.count == 1, "the festival in the group")
            #expect(
                system.robot.mostWithinWindow(key: Neighbourhood.robotA, window: SystemUnderTest.robotWindowSeconds) <= SystemUnderTest.robotLimit
            )
            for (index, principal) in city.everyoneInA.enumerated() {
                let kinds = try await system.inboxKinds(of: principal)
                #expect(kinds["activity.published"] == 1 + Self.groupActivities.count, "the activities in inbox \(index)")
                if attendees.contains(index) { #expect(kinds["points.awarded"] == 1, "points message in inbox \(index)") }
            }
            for index in attendees {
                let statement = try await system.points(of: city.residents[index])
                #expect(statement.balance == FestivalFlow.points && statement.entries.count == 1 && statement.starLevel == 1)
            }
            let ledger = try await system.attendancePointsEntries()
            #expect(ledger.entries == 4 && ledger.distinctAttendances == 4)
            try await system.waitForMetric("check-ins", compound: city.compoundA, month: festival.month, equal: 4)
            #expect(try await system.metric("attendances", compound: city.compoundA, month: festival.month) == 4)
            #expect(try await system.discardedJobs() == [])
            #expect(try await system.jobsNotCompleted() == 0)
            #expect(try await system.unfinishedDueJobs() == 0)
        }
    }
}
