import Foundation
import Hummingbird
import JobQueue
import Models
import Postgres
import ServiceKit
import ServiceTestSupport
import Testing

@testable import CalendarService

@Suite("Four-party council meetings published as activities")
struct CouncilMeetingTests {
    func meeting(revision: Int, hour: Int, title: String = "四方议事会：停车位改造") -> CouncilMeetingScheduled {
        let start = Local.instant(Local.at(days: 4, hour: hour))
        return CouncilMeetingScheduled(
            meetingID: 31,
            councilID: 3,
            compoundID: City.fenglin,
            areaPath: City.paths[City.fenglin]!,
            title: title,
            venue: "枫林党群服务站",
            startsAt: start,
            endsAt: start.addingTimeInterval(5_400),
            agenda: ["停车位划线", "充电桩选址"],
            revision: revision
        )
    }

    @Test func aScheduledMeetingBecomesAPublishedActivityAndFollowsItsLaterRevisions() async throws {
        let env = try await CalendarTestEnvironment.make()
        try await env.running {
            try await env.runtime.jobs.publish(meeting(revision: 1, hour: 19))
            try await env.environment.waitUntilDrained()
            try await env.runtime.jobs.publish(meeting(revision: 3, hour: 20))
            try await env.environment.waitUntilDrained()
            // A late, older revision changes nothing.
            try await env.runtime.jobs.publish(meeting(revision: 2, hour: 8, title: "旧标题"))
            try await env.environment.waitUntilDrained()
        }
        let page: ActivityPageBody = try await env.send(.get, "/v1/activities", as: City.resident).decode()
        let activity = try #require(page.items.first)
        #expect(page.items.count == 1)
        #expect(activity.kind == "council-meeting")
        #expect(activity.state == "published")
        #expect(activity.start == Local.at(days: 4, hour: 20))
        #expect(activity.title == "四方议事会：停车位改造")
        #expect(try await env.events(ActivityPublished.self).map(\.revision) == [1])
        let changed = try await env.events(ActivityChanged.self)
        #expect(changed.map(\.revision) == [2])
        #expect(changed.first?.changes.contains { $0.contains("20:00") } == true)
        // Reminders follow the meeting; the compound's staff cannot edit it here.
        #expect(try await env.count("SELECT count(*) FROM queue.jobs WHERE queue = 'notifications'") == 2)
        let edit = try await env.send(.patch, "/v1/activities/\(activity.id)", #"{"title":"改"}"#, as: City.secretary)
        #expect(edit.code == "council-meeting")
    }
}
