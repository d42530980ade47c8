import Foundation
import Hummingbird
import LinliTestSupport
import Models
import Postgres
import ServiceKit
import Testing

@testable import CalendarService

/// The occurrences the service expands for awkward rules, checked against dates worked out by hand
/// (and by python-dateutil, where it agrees with RFC 5545).
@Suite("Recurrence edge cases through the API")
struct RecurrenceEdgeTests {
    func starts(
        _ env: CalendarTestEnvironment,
        _ start: String,
        _ rule: String,
        extra: String = "",
        from: String,
        to: String
    ) async throws -> [String] {
        let comma = extra.isEmpty ? "" : ","
        let draft = try await env.draft(start: start, extra: #""recurrence":"\#(rule)"\#(comma)\#(extra)"#)
        let reply = try await env.send(.get, "/v1/activities/\(draft.id)/occurrences?from=\(from)&to=\(to)", as: City.secretary)
        guard reply.status == .ok else { throw TestFailure("\(reply.status) \(reply.text)") }
        return try reply.decode(OccurrenceListBody.self).items.map { String($0.start.prefix(16)) }
    }

    @Test func theThirtyFirstIsSkippedInShorterMonths() async throws {
        let env = try await CalendarTestEnvironment.make()
        let found = try await starts(env, "2031-01-31T19:30:00", "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=4", from: "2031-01-01", to: "2031-12-31")
        #expect(found == ["2031-01-31T19:30", "2031-03-31T19:30", "2031-05-31T19:30", "2031-07-31T19:30"])
    }

    @Test func lastAndSecondSaturdays() async throws {
        let env = try await CalendarTestEnvironment.make()
        let last = try await starts(env, "2031-01-25T09:00:00", "FREQ=MONTHLY;BYDAY=-1SA;COUNT=4", from: "2031-01-01", to: "2031-12-31")
        #expect(last == ["2031-01-25T09:00", "2031-02-22T09:00", "2031-03-29T09:00", "2031-04-26T09:00"])
        let second = try await starts(env, "2031-01-11T09:00:00", "FREQ=MONTHLY;BYDAY=2SA;COUNT=3", from: "2031-01-01", to: "2031-12-31")
        #expect(second == ["2031-01-11T09:00", "2031-02-08T09:00", "2031-03-08T09:00"])
    }

    @Test func februaryEndsOnThe28thOrInALeapYearThe29th() async throws {
        let env = try await CalendarTestEnvironment.make()
        let monthEnds = try await starts(env, "2031-12-31T10:00:00", "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=4", from: "2031-12-01", to: "2032-12-01")
        #expect(monthEnds == ["2031-12-31T10:00", "2032-01-31T10:00", "2032-02-29T10:00", "2032-03-31T10:00"])
        let plain = try await starts(env, "2031-01-31T10:00:00", "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3", from: "2031-01-01", to: "2031-12-01")
        #expect(plain == ["2031-01-31T10:00", "2031-02-28T10:00", "2031-03-31T10:00"])
    }

    @Test func countCountsBeforeExdatesAndUntilIncludesItsDay() async throws {
        let env = try await CalendarTestEnvironment.make()
        let count = try await starts(env, "2031-01-07T09:00:00", "FREQ=WEEKLY;COUNT=3", from: "2031-01-01", to: "2031-03-01")
        #expect(count == ["2031-01-07T09:00", "2031-01-14T09:00", "2031-01-21T09:00"])
        // COUNT limits the rule before EXDATE removes one: two remain, not three.
        let excluded = try await starts(
            env,
            "2031-01-07T09:00:00",
            "FREQ=WEEKLY;COUNT=3",
            extra: #""exdates":["2031-01-14T09:00:00"]"#,
            from: "2031-01-01",
            to: "2031-03-01"
        )
        #expect(excluded == ["2031-01-07T09:00", "2031-01-21T09:00"])
        // An UNTIL date includes the occurrences on that local date…
        let untilDate = try await starts(env, "2031-01-07T09:00:00", "FREQ=WEEKLY;UNTIL=20310121", from: "2031-01-01", to: "2031-03-01")
        #expect(untilDate == count)
        // …an UTC UNTIL at 08:00 Shanghai on that date does not.
        let untilInstant = try await starts(env, "2031-01-07T09:00:00", "FREQ=WEEKLY;UNTIL=20310121T000000Z", from: "2031-01-01", to: "2031-03-01")
        #expect(untilInstant == ["2031-01-07T09:00", "2031-01-14T09:00"])
        // RDATE adds a one-off (a lunar-calendar festival) that COUNT does not count.
        let festival = try await starts(
            env,
            "2031-01-07T09:00:00",
            "FREQ=WEEKLY;COUNT=2",
            extra: #""rdates":["2031-02-01T19:00:00"]"#,
            from: "2031-01-01",
            to: "2031-03-01"
        )
        #expect(festival == ["2031-01-07T09:00", "2031-01-14T09:00", "2031-02-01T19:00"])
    }

    @Test func fortnightlyOnTwoDaysWithAWindowInTheMiddle() async throws {
        let env = try await CalendarTestEnvironment.make()
        let found = try await starts(env, "2031-01-07T09:00:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SA;COUNT=5", from: "2031-01-10", to: "2031-01-26")
        #expect(found == ["2031-01-11T09:00", "2031-01-21T09:00", "2031-01-25T09:00"])
        let bad = try await env.send(.get, "/v1/activities/1/occurrences?from=2031-01-01&to=2033-01-01", as: City.secretary)
        #expect(bad.fields == ["to"])
    }

    @Test func anExdateOnAnOverriddenOccurrenceRemovesItEverywhere() async throws {
        let env = try await CalendarTestEnvironment.make()
        let first = Local.at(days: 3, hour: 9)
        let activity = try await env.published(start: first, extra: #""recurrence":"FREQ=WEEKLY;COUNT=4""#)
        let third = Local.at(days: 17, hour: 9)
        let moved = try await env.send(
            .patch,
            "/v1/activities/\(activity.id)/occurrences/\(third)",
            #"{"start":"\#(Local.at(days: 18, hour: 15))"}"#,
            as: City.secretary
        )
        #expect(moved.status == .ok)
        var list: OccurrenceListBody = try await env.send(.get, "/v1/activities/\(activity.id)/occurrences", as: City.secretary).decode()
        #expect(list.items.map(\.start).contains(Local.at(days: 18, hour: 15)))
        // The EXDATE names the original start; the moved occurrence goes with it, override and all.
        let excluded = try await env.send(.patch, "/v1/activities/\(activity.id)", #"{"exdates":["\#(third)"]}"#, as: City.secretary)
        #expect(excluded.status == .ok)
        list = try await env.send(.get, "/v1/activities/\(activity.id)/occurrences", as: City.secretary).decode()
        #expect(list.items.count == 3)
        #expect(!list.items.map(\.recurrenceID).contains(third))
        #expect(try await env.count("SELECT count(*) FROM calendar.occurrences WHERE activity_id = \(activity.id) AND recurrence_id = \(third)") == 0)
        // An EXDATE that would drop an occurrence people registered for is refused.
        let second = Local.at(days: 10, hour: 9)
        #expect(try await env.register(activity.id, second, resident: 5001, as: City.resident).status == .created)
        let refused = try await env.send(.patch, "/v1/activities/\(activity.id)", #"{"exdates":["\#(third)","\#(second)"]}"#, as: City.secretary)
        #expect(refused.status == .conflict)
        #expect(refused.code == "occurrence-has-registrations")
    }
}
