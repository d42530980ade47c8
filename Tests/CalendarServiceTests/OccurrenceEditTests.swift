import Foundation
import Hummingbird
import Models
import Postgres
import ServiceKit
import Testing

@testable import CalendarService

@Suite("One occurrence, this and following, cancelling one")
struct OccurrenceEditTests {
    @Test func movingOneOccurrenceKeepsItsRegistrationsAndRaisesItsSequence() async throws {
        let env = try await CalendarTestEnvironment.make()
        let activity = try await env.published(start: Local.at(days: 3, hour: 9), extra: #""recurrence":"FREQ=WEEKLY;COUNT=4","capacity":10"#)
        let second = Local.at(days: 10, hour: 9)
        let registration: RegistrationBody = try await env.register(activity.id, second, resident: 5001, as: City.resident).decode()
        let moved = Local.at(days: 10, hour: 14)
        let reply = try await env.send(
            .patch,
            "/v1/activities/\(activity.id)/occurrences/\(second)",
            #"{"start":"\#(moved)","location":"二楼活动室"}"#,
            as: City.secretary
        )
        #expect(reply.status == .ok)
        let list: OccurrenceListBody = try await env.send(.get, "/v1/activities/\(activity.id)/occurrences", as: City.secretary).decode()
        let occurrence = try #require(list.items.first { $0.recurrenceID == second })
        #expect(occurrence.start == moved)
        #expect(occurrence.confirmed == 1)
        #expect(occurrence.occurrenceID == registration.occurrenceID)
        let stored = try await env.pool.query("SELECT starts_at FROM calendar.occurrences WHERE id = \(registration.occurrenceID)")
        #expect(try stored.scalar(Date.self) == Local.instant(moved))
        let sequence = try await env.count("SELECT sequence FROM calendar.overrides WHERE activity_id = \(activity.id)")
        #expect(sequence > activity.sequence)
        let change = try #require(try await env.events(ActivityChanged.self).last)
        #expect(change.occurrenceStart == Local.instant(second))
        #expect(change.changes.contains { $0.contains("14:00") })
        #expect(change.changes.contains("地点改为 二楼活动室"))
        // The other occurrences did not move.
        #expect(list.items.filter { $0.recurrenceID != second }.allSatisfy { $0.start == $0.recurrenceID })
        // Validation names the field; an unknown occurrence is a 404; an empty change is refused.
        let bad = try await env.send(
            .patch,
            "/v1/activities/\(activity.id)/occurrences/\(second)",
            #"{"scope":"all","capacity":0}"#,
            as: City.secretary
        )
        #expect(Set(bad.fields) == ["scope", "capacity"])
        #expect(try await env.send(.patch, "/v1/activities/\(activity.id)/occurrences/\(second)", "{}", as: City.secretary).fields == ["body"])
        let missing = try await env.send(
            .patch,
            "/v1/activities/\(activity.id)/occurrences/\(Local.at(days: 11, hour: 9))",
            #"{"title":"x"}"#,
            as: City.secretary
        )
        #expect(missing.status == .notFound)
        #expect(
            try await env.send(.patch, "/v1/activities/\(activity.id)/occurrences/\(second)", #"{"title":"x"}"#, as: City.otherSecretary).status
                == .notFound
        )
    }

    @Test func thisAndFollowingSplitsTheSeriesAndTakesTheRegistrationsAlong() async throws {
        let env = try await CalendarTestEnvironment.make()
        let activity = try await env.published(start: Local.at(days: 2, hour: 9), extra: #""recurrence":"FREQ=WEEKLY;COUNT=6","capacity":10"#)
        let fourth = Local.at(days: 23, hour: 9)
        let fifth = Local.at(days: 30, hour: 9)
        let onFourth: RegistrationBody = try await env.register(activity.id, fourth, resident: 5001, as: City.resident).decode()
        let onFifth: RegistrationBody = try await env.register(activity.id, fifth, resident: 5002, as: City.head).decode()
        let reply = try await env.send(
            .patch,
            "/v1/activities/\(activity.id)/occurrences/\(fourth)",
            #"{"scope":"following","start":"\#(Local.at(days: 23, hour: 15))","title":"幸福邻里节（下午场）"}"#,
            as: City.secretary
        )
        #expect(reply.status == .ok)
        let following: ActivityBody = try reply.decode()
        #expect(following.splitFrom == activity.id)
        #expect(following.uid != activity.uid)
        #expect(following.recurrence == "FREQ=WEEKLY;COUNT=3")
        #expect(following.title == "幸福邻里节（下午场）")
        let original: ActivityBody = try await env.send(.get, "/v1/activities/\(activity.id)", as: City.secretary).decode()
        #expect(original.recurrence?.contains("UNTIL=") == true)
        #expect(original.sequence == activity.sequence + 1)
        let before: OccurrenceListBody = try await env.send(.get, "/v1/activities/\(activity.id)/occurrences", as: City.secretary).decode()
        #expect(before.items.count == 3)
        let after: OccurrenceListBody = try await env.send(.get, "/v1/activities/\(following.id)/occurrences", as: City.secretary).decode()
        #expect(after.items.map { String($0.start.suffix(8)) } == ["15:00:00", "15:00:00", "15:00:00"])
        #expect(after.items.map(\.confirmed) == [1, 1, 0])
        // The same registrations, now on the new series' occurrences.
        let moved: RegistrationBody = try await env.send(.get, "/v1/registrations/\(onFourth.id)", as: City.resident).decode()
        #expect(moved.occurrenceID == onFourth.occurrenceID)
        #expect(after.items.compactMap(\.occurrenceID).contains(onFifth.occurrenceID))
        // The original says it changed from the split on; the new series is published.
        #expect(try await env.events(ActivityChanged.self).last?.activity.activityID == activity.id)
        #expect(try await env.events(ActivityPublished.self).last?.activity.activityID == following.id)
        // Splitting at the first occurrence changes the whole series instead.
        let whole = try await env.send(
            .patch,
            "/v1/activities/\(following.id)/occurrences/\(Local.at(days: 23, hour: 15))",
            #"{"scope":"following","durationMinutes":90}"#,
            as: City.secretary
        )
        #expect(whole.status == .ok)
        #expect(try whole.decode(ActivityBody.self).id == following.id)
    }

    @Test func cancellingOneOccurrenceKeepsItInTheCalendarAsCancelled() async throws {
        let env = try await CalendarTestEnvironment.make()
        let activity = try await env.published(start: Local.at(days: 3, hour: 9), extra: #""recurrence":"FREQ=WEEKLY;COUNT=3""#)
        let second = Local.at(days: 10, hour: 9)
        _ = try await env.register(activity.id, second, resident: 5001, as: City.resident)
        let reply = try await env.send(.post, "/v1/activities/\(activity.id)/occurrences/\(second)/cancel", #"{"reason":"场地维修"}"#, as: City.secretary)
        #expect(reply.status == .ok)
        let list: OccurrenceListBody = try await env.send(.get, "/v1/activities/\(activity.id)/occurrences", as: City.resident).decode()
        #expect(list.items.map(\.status) == ["CONFIRMED", "CANCELLED", "CONFIRMED"])
        let cancelled = try #require(try await env.events(ActivityCancelled.self).first)
        #expect(cancelled.occurrenceStart == Local.instant(second))
        #expect(cancelled.reason == "场地维修")
        let late = try await env.register(activity.id, second, resident: 5002, as: City.neighbour)
        #expect(late.code == "occurrence-cancelled")
        // Cancelling it again changes nothing.
        #expect(try await env.send(.post, "/v1/activities/\(activity.id)/occurrences/\(second)/cancel", as: City.secretary).status == .ok)
        #expect(try await env.published(ActivityCancelled.topic) == 1)
    }

    @Test func retimingTheWholeSeriesMovesRegistrationsToTheSameDays() async throws {
        let env = try await CalendarTestEnvironment.make()
        let activity = try await env.published(start: Local.at(days: 3, hour: 9), extra: #""recurrence":"FREQ=WEEKLY;COUNT=3""#)
        let second = Local.at(days: 10, hour: 9)
        let registration: RegistrationBody = try await env.register(activity.id, second, resident: 5001, as: City.resident).decode()
        let reply = try await env.send(.patch, "/v1/activities/\(activity.id)", #"{"start":"\#(Local.at(days: 3, hour: 19))"}"#, as: City.secretary)
        #expect(reply.status == .ok)
        let after: RegistrationBody = try await env.send(.get, "/v1/registrations/\(registration.id)", as: City.resident).decode()
        #expect(after.occurrenceID == registration.occurrenceID)
        let key = try await env.pool.query("SELECT recurrence_id FROM calendar.occurrences WHERE id = \(registration.occurrenceID)")
        #expect(try key.scalar(String.self) == Local.at(days: 10, hour: 19))
    }
}
