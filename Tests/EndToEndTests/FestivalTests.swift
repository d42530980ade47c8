import Foundation
import LinliTestSupport
import ServiceKit
import Testing

extension EndToEnd {
    /// The month's festival and a council-settled concern, across the five real services.
    @Suite("End to end: the monthly festival and a settled concern", .serialized)
    struct FestivalTests {
        @Test func aThemeBecomesAFestivalWithSignUpsCheckInsPointsAndFiguresAndACouncilSettlesAConcern() async throws {
            try await SystemUnderTest.run { system in try await festivalAndConcern(system) }
        }

        private func festivalAndConcern(_ system: SystemUnderTest) async throws {
            let city = try await Neighbourhood.build(in: system)
            try await system.waitForQuietQueue("the registry's events reach every projection")
            let festival = FestivalFlow(system: system, city: city)

            // The district's theme reaches both compounds as drafts; compound A adjusts and publishes its own.
            let (themeID, compoundCount) = try await festival.publishTheme()
            #expect(compoundCount == 2)
            let activityID = try await festival.publishDraft(themeID: themeID)

            // Everyone in A gets it in their inbox; A's group robot gets it once; nobody in B hears of it.
            for principal in city.everyoneInA {
                try await Waiting.until("the festival in \(principal.subject)'s inbox") {
                    try await system.inboxKinds(of: principal)["activity.published"] == 1
                }
            }
            try await Waiting.until("the festival in compound A's group") {
                system.robot.messages(key: Neighbourhood.robotA).contains { $0.content.contains(FestivalFlow.title) }
            }

            // Sign-ups: three residents and one by the head's proxy fill the four seats; two more wait.
            var registrations: [Registration] = []
            for index in 0..<3 { registrations.append(try await festival.register(index, activityID: activityID)) }
            registrations.append(try await festival.register(3, activityID: activityID, byHead: true))
            registrations.append(try await festival.register(4, activityID: activityID))
            registrations.append(try await festival.register(5, activityID: activityID, byHead: true))
            #expect(registrations.map(\.status) == ["confirmed", "confirmed", "confirmed", "confirmed", "waitlisted", "waitlisted"])
            #expect(registrations[4].waitlistPosition == 1 && registrations[5].waitlistPosition == 2)

            // The second resident cancels: the first waiter gets the seat, the second still waits.
            try await festival.cancel(registrations[1], of: 1)
            #expect(try await festival.registration(registrations[4].id, of: 4).status == "confirmed")
            #expect(try await festival.registration(registrations[5].id, of: 5).status == "waitlisted")

            // Check-ins: 1st, 3rd and the promoted 5th come (a repeated scan changes nothing); the 4th does not.
            for index in [0, 2, 4] { #expect(try await festival.checkIn(registrations[index], activityID: activityID) == 201) }
            #expect(try await festival.checkIn(registrations[0], activityID: activityID) == 200)

            // The registry awards the points once per attendance, and the first star.
            for index in [0, 2, 4] {
                let statement = try await Waiting.value("points for resident \(index)") {
                    let statement = try await system.points(of: city.residents[index])
                    return statement.balance == FestivalFlow.points ? statement : nil
                }
                #expect(statement.starLevel == 1)
                #expect(statement.entries.count == 1)
            }
            #expect(try await system.points(of: city.residents[3]).balance == 0)

            // Analytics: 3 attendances, 4 confirmed seats, 3 households of 6 reached, a no-show rate of 1/4.
            let month = festival.month
            try await system.waitForMetric("attendances", compound: city.compoundA, month: month, equal: 3)
            try await system.waitForMetric("registrations", compound: city.compoundA, month: month, equal: 4)
            try await system.waitForMetric("check-ins", compound: city.compoundA, month: month, equal: 3)
            try await system.waitForMetric("households-reached", compound: city.compoundA, month: month, equal: 3)
            try await system.waitForMetric("household-coverage", compound: city.compoundA, month: month, equal: 0.5)
            try await system.waitForMetric("no-show-rate", compound: city.compoundA, month: month, equal: 0.25)
            try await system.waitForMetric("points-awarded", compound: city.compoundA, month: month, equal: 30)

            // A concern, referred to the council, settled by its decision.
            let concerns = ConcernFlow(system: system, city: city)
            let concernID = try await concerns.raise()
            try await concerns.refer(concernID)
            let council = try await concerns.makeCouncil()
            let meeting = try await concerns.schedule(councilID: council.id)
            #expect(meeting.agenda == [concernID])
            // The meeting reaches the compound's calendar through the event, as a council-meeting activity.
            let secretary = try await system.client(system.calendar, as: city.secretary)
            try await Waiting.until("the council meeting in compound A's calendar") {
                try await secretary.send("GET", "/v1/activities?compoundID=\(city.compoundA)").items.contains {
                    $0["kind"] as? String == "council-meeting" && $0["councilMeetingID"] as? Int == meeting.id
                }
            }
            #expect(try await concerns.hold(meetingID: meeting.id, seats: council.seats))
            try await concerns.decide(meetingID: meeting.id, concernID: concernID)
            #expect(try await concerns.state(of: concernID) == "settled")
            let thisMonth = String(ISO8601DateFormatter.shanghaiDay(Date()).prefix(7))
            try await system.waitForMetric("concerns-settled", compound: city.compoundA, month: thisMonth, equal: 1)
            try await system.waitForMetric("council-meetings-held", compound: city.compoundA, month: thisMonth, equal: 1)

            // The group's third message (the meeting's activity) may be waiting on the robot's limit.
            try await Waiting.until("three messages in compound A's group") { system.robot.messages(key: Neighbourhood.robotA).count >= 3 }
            // Every job ran to completion: none left due, none dead-lettered.
            try await system.waitForQuietQueue("the flow's last events")
            #expect(try await system.discardedJobs() == [])
            #expect(try await system.jobsNotCompleted() == 0)
            // Each robot stayed within its limit, and compound B's robot heard nothing of A's affairs.
            #expect(
                system.robot.mostWithinWindow(key: Neighbourhood.robotA, window: SystemUnderTest.robotWindowSeconds) <= SystemUnderTest.robotLimit
            )
            #expect(system.robot.messages(key: Neighbourhood.robotB).isEmpty, "compound B published nothing")
            // Exactly these group messages, once each: the festival, the meeting's notice, the meeting's activity.
            let group = system.robot.messages(key: Neighbourhood.robotA).map(\.content)
            #expect(group.count == 3, "compound A's group received \(group)")
            #expect(group.filter { $0.contains(FestivalFlow.title) }.count == 1)
            #expect(group.filter { $0.contains("召开四方议事会") }.count == 1)
            #expect(group.filter { $0.contains("新活动：十一月议事会") }.count == 1)
            // And exactly these inbox messages, once each.
            for (principal, expected) in zip(city.everyoneInA, Self.expectedInboxes) {
                #expect(try await system.inboxKinds(of: principal) == expected, "the inbox of \(principal.subject)")
            }
        }

        /// What each of compound A's residents (and, last, the head) finds in their inbox at the end: two
        /// activities (the festival and the council meeting), their sign-up's news, points and the first
        /// star for those who came, and the reporter's news of the concern (raised, acknowledged, referred, settled).
        static let expectedInboxes: [[String: Int]] = [
            [
                "activity.published": 2, "registration.confirmed": 1, "points.awarded": 1, "points.star-reached": 1,
                "concern.updated": 3, "concern.settled": 1,
            ],
            ["activity.published": 2, "registration.confirmed": 1],
            ["activity.published": 2, "registration.confirmed": 1, "points.awarded": 1, "points.star-reached": 1],
            ["activity.published": 2, "registration.confirmed": 1],
            [
                "activity.published": 2, "registration.waitlisted": 1, "registration.promoted": 1, "points.awarded": 1,
                "points.star-reached": 1,
            ],
            ["activity.published": 2, "registration.waitlisted": 1],
            ["activity.published": 2],
        ]
    }
}

extension ISO8601DateFormatter {
    /// A date's calendar day in Asia/Shanghai, `yyyy-MM-dd` (analytics cuts days and months there).
    static func shanghaiDay(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }
}
