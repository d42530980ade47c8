import CalendarCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Postgres
import ServiceKit
import ServiceTestSupport
import Testing

@testable import CalendarService

@Suite("This month's festival page: the city-wide theme and the compound's published activities of the month")
struct ActivityPageFestivalTests {
    typealias W = WebStrings.Festival

    /// The 15th of the month 40 days ahead (always in the future), and of the month after, at 10:00.
    static func months() -> (month: String, start: String, following: String, followingStart: String) {
        let ahead = LocalDateTime(text: Local.at(days: 40, hour: 10))!.date
        let next = LocalDate(year: ahead.month == 12 ? ahead.year + 1 : ahead.year, month: ahead.month == 12 ? 1 : ahead.month + 1, day: 15)!
        func text(_ date: LocalDate) -> String { String(date.description.prefix(7)) }
        let start = LocalDateTime(date: LocalDate(year: ahead.year, month: ahead.month, day: 15)!, hour: 10)!.description
        return (text(ahead), start, text(next), LocalDateTime(date: next, hour: 10)!.description)
    }

    @Test func theFestivalListsTheMonthsPublishedActivitiesOfMyCompoundAndTheCityTheme() async throws {
        let env = try await CalendarTestEnvironment.make()
        let (month, start, following, followingStart) = Self.months()
        let theme = try await env.send(
            .post,
            "/v1/themes",
            #"{"month":"\#(month)","title":"幸福邻里节·包饺子","scopeAreaIDs":[\#(City.city)],"suggestedStart":"\#(start)"}"#,
            as: City.admin
        )
        #expect(theme.status == .created)
        let themeID = try theme.decode(ThemeBody.self).id
        #expect(try await env.send(.post, "/v1/themes/\(themeID)/publish", as: City.admin).status == .ok)
        let dumplings = try await env.published("枫林包饺子", start: start, extra: #""recurrence":"FREQ=WEEKLY;COUNT=2","location":"党群服务站""#)
        let later = try await env.published("下月义诊", start: followingStart)
        _ = try await env.draft("草稿不公开", start: start)
        let other = try await env.send(
            .post,
            "/v1/activities",
            #"{"compoundID":\#(City.xiangjiang),"title":"湘江读书会","start":"\#(start)","durationMinutes":60}"#,
            as: City.otherSecretary
        )
        let otherID = try other.decode(ActivityBody.self).id
        #expect(try await env.send(.post, "/v1/activities/\(otherID)/publish", as: City.otherSecretary).status == .ok)

        try await env.pages { client in
            var browser = try await ActivityPageBrowser.signedIn(client, as: City.resident, env: env)
            let page = try await browser.get("/festival?month=\(month)")
            #expect(page.status == .ok && page.isGuarded)
            let html = page.html
            let (year, number) = (Int(month.prefix(4))!, Int(month.suffix(2))!)
            #expect(html.contains(W.month(year: year, month: number)) && html.contains("幸福邻里节·包饺子") && html.contains("枫林小区"))
            #expect(html.contains("枫林包饺子") && html.contains("/activities/\(dumplings.id)") && html.contains("党群服务站"))
            #expect(html.contains(pageDay(start)) && html.contains(W.sessions(2)))
            #expect(!html.contains("下月义诊") && !html.contains("草稿不公开") && !html.contains("湘江读书会"))
            #expect(html.contains("/festival?month=\(following)") && html.contains("aria-current=\"page\""))
            let next = try await browser.get("/festival?month=\(following)")
            #expect(next.html.contains("下月义诊") && next.html.contains("/activities/\(later.id)") && !next.html.contains("枫林包饺子"))
            #expect(next.html.contains(WebStrings.Festival.noTheme))
            #expect(try await browser.get("/festival?month=2026-13").status == .unprocessableContent)
            // The other compound's resident sees their own.
            var outsider = try await ActivityPageBrowser.signedIn(client, as: City.outsider, env: env)
            let theirs = try await outsider.get("/festival?month=\(month)")
            #expect(theirs.html.contains("湘江读书会") && !theirs.html.contains("枫林包饺子"))
            // Not signed in: off to sign in first.
            var anonymous = ActivityPageBrowser(client: client)
            let redirected = try await anonymous.get("/festival")
            #expect(redirected.status == .seeOther && redirected.headers[.location] == "/auth/sign-in?next=\(ReturnPath.encoded("/festival"))")
        }
        // Without a month: the current one, as the service's clock says.
        let then = env.at { Local.instant(start).addingTimeInterval(-5 * 86_400) }
        try await then.pages { client in
            var browser = try await ActivityPageBrowser.signedIn(client, as: City.resident, env: env)
            let page = try await browser.get("/festival")
            #expect(page.status == .ok && page.html.contains("枫林包饺子") && !page.html.contains("下月义诊"))
        }
    }
}
