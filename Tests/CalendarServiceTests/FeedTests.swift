import CalendarCore
import Foundation
import Hummingbird
import LinliTestSupport
import Models
import Postgres
import ServiceKit
import Testing

@testable import CalendarService

@Suite("iCalendar feeds, read back by Python's icalendar")
struct FeedTests {
    func feedURL(_ env: CalendarTestEnvironment, kind: String, id: Int, as principal: Principal, rotate: Bool = false) async throws -> String {
        let reply = try await env.send(.post, "/v1/feeds", #"{"kind":"\#(kind)","id":\#(id),"rotate":\#(rotate)}"#, as: principal)
        guard reply.status == .ok else { throw TestFailure("feed: \(reply.status) \(reply.text)") }
        return try reply.decode(FeedLinkBody.self).url
    }

    /// The path of a feed URL, fetched without a token as a phone would.
    func fetch(_ env: CalendarTestEnvironment, _ url: String) async throws -> Reply {
        try await env.send(.get, String(url.dropFirst("https://cal.linli.example".count)), as: nil)
    }

    func window() -> (String, String) {
        let format = { (date: Date) in (LocalDateTime(date, in: .gmt)?.iCalendarText ?? "") + "Z" }
        return (format(Date().addingTimeInterval(-86_400)), format(Date().addingTimeInterval(120 * 86_400)))
    }

    @Test func aCompoundFeedHasStableUIDsRisingSequencesOverridesAndCancellations() async throws {
        let env = try await CalendarTestEnvironment.make()
        let weekly = try await env.published(
            "书法班",
            start: Local.at(days: 3, hour: 9),
            extra: #""recurrence":"FREQ=WEEKLY;COUNT=4","notes":"自带毛笔, 墨汁；欢迎参加""#
        )
        let single = try await env.published("义诊", start: Local.at(days: 5, hour: 14))
        _ = try await env.draft("草稿不出现", start: Local.at(days: 6, hour: 9))
        let second = Local.at(days: 10, hour: 9)
        let third = Local.at(days: 17, hour: 9)
        _ = try await env.send(
            .patch,
            "/v1/activities/\(weekly.id)/occurrences/\(second)",
            #"{"start":"\#(Local.at(days: 10, hour: 15))"}"#,
            as: City.secretary
        )
        _ = try await env.send(.post, "/v1/activities/\(weekly.id)/occurrences/\(third)/cancel", as: City.secretary)
        let url = try await feedURL(env, kind: "compound", id: City.fenglin, as: City.resident)
        #expect(url.hasPrefix("https://cal.linli.example/v1/feeds/") && url.hasSuffix(".ics"))
        let served = try await fetch(env, url)
        #expect(served.status == .ok)
        #expect(served.headers[.contentType] == "text/calendar; charset=utf-8")
        let (from, to) = window()
        let report = try await IndependentFeedReader.read(served.text, from: from, to: to)
        #expect(report.calname == "枫林小区 活动日历")
        #expect(report.timezones == ["Asia/Shanghai"])
        #expect(report.events.allSatisfy { $0.tzid == "Asia/Shanghai" && $0.utcoffset == 28_800 })
        #expect(Set(report.events.map(\.uid)) == [weekly.uid, single.uid])
        let master = try #require(report.events.first { $0.uid == weekly.uid && $0.recurrence_id == nil })
        #expect(master.rrule == "FREQ=WEEKLY;COUNT=4")
        #expect(master.occurrences?.count == 4)
        #expect(master.description.contains("https://cal.linli.example/activities/\(weekly.id)"))
        #expect(master.description.contains("自带毛笔, 墨汁；欢迎参加"))
        let moved = try #require(report.events.first { $0.recurrence_id == LocalDateTime(text: second)!.iCalendarText })
        #expect(moved.dtstart == LocalDateTime(text: Local.at(days: 10, hour: 15))!.iCalendarText)
        #expect(moved.sequence > master.sequence)
        #expect(moved.status == "CONFIRMED")
        let cancelled = try #require(report.events.first { $0.recurrence_id == LocalDateTime(text: third)!.iCalendarText })
        #expect(cancelled.status == "CANCELLED")
        // A change to the series raises its SEQUENCE; the UID stays.
        _ = try await env.send(.patch, "/v1/activities/\(weekly.id)", #"{"title":"书法班（提高）"}"#, as: City.secretary)
        let changed = try await IndependentFeedReader.read(try await fetch(env, url).text, from: from, to: to)
        let after = try #require(changed.events.first { $0.uid == weekly.uid && $0.recurrence_id == nil })
        #expect(after.sequence == master.sequence + 1)
        #expect(after.summary == "书法班（提高）")
        // Cancelling the whole activity keeps it in the feed, cancelled.
        _ = try await env.send(.post, "/v1/activities/\(single.id)/cancel", as: City.secretary)
        let withCancellation = try await IndependentFeedReader.read(try await fetch(env, url).text, from: from, to: to)
        #expect(withCancellation.events.first { $0.uid == single.uid }?.status == "CANCELLED")
    }

    @Test func feedKeysAreIssuedOnlyWithinScopeAndCanBeRotated() async throws {
        let env = try await CalendarTestEnvironment.make()
        #expect(try await env.send(.post, "/v1/feeds", #"{"kind":"compound","id":101}"#, as: City.outsider).status == .notFound)
        #expect(try await env.send(.post, "/v1/feeds", #"{"kind":"resident","id":5001}"#, as: City.neighbour).status == .notFound)
        #expect(try await env.send(.post, "/v1/feeds", #"{"kind":"planet","id":1}"#, as: City.admin).fields == ["kind"])
        let first = try await feedURL(env, kind: "resident", id: 5001, as: City.resident)
        #expect(try await feedURL(env, kind: "resident", id: 5001, as: City.head) == first)
        #expect(try await fetch(env, first).status == .ok)
        let rotated = try await feedURL(env, kind: "resident", id: 5001, as: City.resident, rotate: true)
        #expect(rotated != first)
        #expect(try await fetch(env, first).status == .notFound)
        #expect(try await fetch(env, rotated).status == .ok)
        #expect(try await env.send(.get, "/v1/feeds/not-a-key.ics", as: nil).status == .notFound)
        #expect(try await env.send(.get, "/v1/feeds/\(rotated.split(separator: "/").last!.dropLast(4))", as: nil).status == .notFound)
    }

    @Test func aResidentFeedShowsTheirSignUpsAndTheirCancellation() async throws {
        let env = try await CalendarTestEnvironment.make()
        let activity = try await env.published("合唱团", start: Local.at(days: 3, hour: 19), extra: #""recurrence":"FREQ=WEEKLY;COUNT=3","capacity":1"#)
        let first = Local.at(days: 3, hour: 19)
        let second = Local.at(days: 10, hour: 19)
        let mine: RegistrationBody = try await env.register(activity.id, first, resident: 5001, as: City.resident).decode()
        _ = try await env.register(activity.id, second, resident: 5002, as: City.head)
        let waiting: RegistrationBody = try await env.register(activity.id, second, resident: 5001, as: City.resident).decode()
        #expect(waiting.status == "waitlisted")
        let url = try await feedURL(env, kind: "resident", id: 5001, as: City.resident)
        let (from, to) = window()
        let report = try await IndependentFeedReader.read(try await fetch(env, url).text, from: from, to: to)
        #expect(report.calname == "居民5001 的活动")
        #expect(report.events.map(\.uid) == ["registration-\(mine.id)@linli", "registration-\(waiting.id)@linli"])
        #expect(report.events[0].description.contains("签到码 \(mine.checkInCode)"))
        #expect(report.events[1].summary == "合唱团（候补）")
        _ = try await env.send(.post, "/v1/registrations/\(mine.id)/cancel", as: City.resident)
        let after = try await IndependentFeedReader.read(try await fetch(env, url).text, from: from, to: to)
        let cancelled = try #require(after.events.first { $0.uid == "registration-\(mine.id)@linli" })
        #expect(cancelled.status == "CANCELLED")
        #expect(cancelled.sequence > report.events[0].sequence)
    }

    @Test func aThemeFeedGathersEveryCompoundsPublishedActivity() async throws {
        let env = try await CalendarTestEnvironment.make()
        let month = String(Local.at(days: 40, hour: 9).prefix(7))
        let theme: ThemeBody = try await env.send(
            .post,
            "/v1/themes",
            #"{"month":"\#(month)","title":"邻里节","suggestedStart":"\#(month)-15T09:00:00","scopeAreaIDs":[\#(City.city)]}"#,
            as: City.admin
        ).decode()
        _ = try await env.send(.post, "/v1/themes/\(theme.id)/publish", as: City.admin)
        let drafts: ActivityPageBody = try await env.send(.get, "/v1/activities?themeID=\(theme.id)", as: City.admin).decode()
        for draft in drafts.items.prefix(2) { _ = try await env.send(.post, "/v1/activities/\(draft.id)/publish", as: City.admin) }
        let url = try await feedURL(env, kind: "theme", id: theme.id, as: City.district)
        let text = try await fetch(env, url).text
        let report = try await IndependentFeedReader.read(text, from: "20200101T000000Z", to: "20400101T000000Z")
        #expect(report.events.count == 2)
        #expect(report.calname == "\(month) 邻里节")
    }
}
