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

@Suite("The activity page: public read, sign-up for oneself and one's family, waitlist, cancel, a head's proxy sign-up")
struct ActivityPageTests {
    typealias W = WebStrings.Activity

    @Test func anyoneReadsAPublishedActivityInChineseWithoutPersonalDataAndADraftIsMissing() async throws {
        let env = try await CalendarTestEnvironment.make()
        let start = Local.at(days: 6, hour: 14, minute: 30)
        let activity = try await env.published(
            "重阳敬老包饺子",
            start: start,
            extra:
                #""recurrence":"FREQ=WEEKLY;COUNT=4","capacity":10,"location":"二楼活动室","notes":"请自带水杯\n穿防滑鞋","earnsPoints":true,"points":5,"registrationOpensDaysBefore":30,"registrationClosesMinutesBefore":120"#
        )
        _ = try await env.register(activity.id, start, resident: 5001, as: City.resident)
        let draft = try await env.draft("还在筹备", start: start)
        try await env.pages { client in
            var browser = ActivityPageBrowser(client: client)
            let page = try await browser.get("/activities/\(activity.id)")
            #expect(page.status == .ok)
            #expect(page.isGuarded)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            let html = page.html
            #expect(html.contains("重阳敬老包饺子") && html.contains("lang=\"zh-CN\""))
            let weekday = W.weekdays[LocalDateTime(text: start)!.date.weekday.rawValue - 1]
            #expect(html.contains("每\(weekday)，共 4 次"))
            #expect(html.contains("\(pageDay(start))–16:30"))
            #expect(html.contains("二楼活动室") && html.contains("请自带水杯") && html.contains("穿防滑鞋"))
            #expect(html.contains(W.points(5)))
            #expect(html.contains("活动前 30 天开始报名，开始前 2 小时截止"))
            #expect(html.contains(W.seatsLeft(9)) && html.contains(W.seatsLeft(10)))
            #expect(html.contains(W.signInToSignUp) && html.contains("/auth/sign-in?next=\(ReturnPath.encoded("/activities/\(activity.id)"))"))
            // No personal data to an anonymous reader: no names of who signed up, no phones, no sign-up form.
            #expect(!html.contains("居民5001") && !html.contains("1380000") && !html.contains("name=\"resident\""))
            #expect(!html.contains("<script") && !html.contains("style="))

            let missing = try await browser.get("/activities/\(draft.id)")
            #expect(missing.status == .notFound)
            #expect(missing.html.contains(WebStrings.Errors.notFound) && !missing.html.contains("还在筹备"))
            #expect(try await browser.get("/activities/999999").status == .notFound)
            #expect(try await browser.get("/activities/\(activity.id)?occurrence=2001-01-01T09:00:00").status == .notFound)
        }
        // A cancelled activity stays readable and says so, with no sign-up.
        _ = try await env.send(.post, "/v1/activities/\(activity.id)/cancel", #"{"reason":"场地维修"}"#, as: City.secretary)
        try await env.pages { client in
            var browser = try await ActivityPageBrowser.signedIn(client, as: City.resident, env: env)
            let page = try await browser.get("/activities/\(activity.id)")
            #expect(page.status == .ok)
            #expect(page.html.contains(W.activityCancelled) && page.html.contains("场地维修"))
            #expect(!page.html.contains("id=\"sign-up-button\""))
        }
    }

    @Test func theDaughterSignsUpHerFatherButNotANeighbourAndFormsNeedTheCSRFToken() async throws {
        let env = try await CalendarTestEnvironment.make()
        try await env.seedFather()
        let start = Local.at(days: 6, hour: 9)
        let activity = try await env.published(start: start, extra: #""capacity":10"#)
        try await env.pages { client in
            var browser = try await ActivityPageBrowser.signedIn(client, as: City.resident, env: env)
            let page = try await browser.get("/activities/\(activity.id)")
            #expect(page.status == .ok && page.isGuarded)
            #expect(page.html.contains(W.myself("居民5001")) && page.html.contains(W.family("居民5004")))
            #expect(!page.html.contains("居民5002") && !page.html.contains("13800005004"))
            #expect(page.html.contains(#"name="_csrf" value=""#) && browser.cookies[SessionCookies.csrf] != nil)

            var forged = browser
            forged.cookies[SessionCookies.csrf] = nil
            let refused = try await forged.post("/activities/\(activity.id)/sign-up", ["occurrence": start, "resident": "5004"])
            #expect(refused.status == .forbidden)
            #expect(refused.html.contains(WebStrings.Errors.csrf))
            let tokenless = try await browser.post("/activities/\(activity.id)/sign-up", ["occurrence": start, "resident": "5004"], csrf: false)
            #expect(tokenless.status == .forbidden)
            #expect(try await env.registrations(occurrenceStart: start, activity: activity.id).isEmpty)

            let father = try await browser.post("/activities/\(activity.id)/sign-up", ["occurrence": start, "resident": "5004"])
            #expect(father.status == .seeOther && father.isGuarded)
            let location = try #require(father.headers[.location])
            let registrations = try await env.registrations(occurrenceStart: start, activity: activity.id)
            #expect(registrations.count == 1)
            #expect(registrations.first.map { $0.0 == 5004 && $0.1 == "self" && $0.2 == 5001 && $0.3 == "confirmed" } == true)
            #expect(location == "/tickets/\(try await env.count("SELECT max(id) FROM calendar.registrations"))")

            // A neighbour's household: missing, and nothing stored.
            let neighbour = try await browser.post("/activities/\(activity.id)/sign-up", ["occurrence": start, "resident": "5002"])
            #expect(neighbour.status == .notFound)
            #expect(neighbour.html.contains(WebStrings.Errors.notFound))
            // Twice: the page again with the reason.
            let twice = try await browser.post("/activities/\(activity.id)/sign-up", ["occurrence": start, "resident": "5004"])
            #expect(twice.status == .conflict)
            #expect(twice.html.contains(W.alreadyRegistered) && twice.html.contains("id=\"error\""))
            let nobody = try await browser.post("/activities/\(activity.id)/sign-up", ["occurrence": start])
            #expect(nobody.status == .unprocessableContent && nobody.html.contains(W.pickSomeone))

            #expect(try await browser.post("/activities/\(activity.id)/sign-up", ["occurrence": start, "resident": "5001"]).status == .seeOther)
            let after = try await browser.get("/activities/\(activity.id)")
            #expect(after.html.contains(W.mine) && after.html.contains("居民5004") && after.html.contains(W.confirmed))
            #expect(after.html.contains(W.everyoneSignedUp) && !after.html.contains(W.family("居民5004")))
            #expect(after.html.contains(W.seatsLeft(8)))
        }
        #expect(try await env.registrations(occurrenceStart: start, activity: activity.id).map(\.0) == [5004, 5001])
        #expect(try await env.count("SELECT count(*) FROM calendar.registrations WHERE resident_id = 5002") == 0)
    }

    @Test func theJSONAPIFollowsTheFamilyRuleToo() async throws {
        let env = try await CalendarTestEnvironment.make()
        try await env.seedFather()
        let start = Local.at(days: 6, hour: 9)
        let activity = try await env.published(start: start)
        let father = try await env.register(activity.id, start, resident: 5004, as: City.resident)
        #expect(father.status == .created)
        let body: RegistrationBody = try father.decode()
        #expect(body.channel == "self" && body.registeredBy == 5001 && body.residentID == 5004)
        #expect(try await env.send(.get, "/v1/registrations/\(body.id)", as: City.resident).status == .ok)
        // Another household's member is missing, whatever the token claims about households.
        let claims = Principal(subject: "resident:5001", role: .resident, householdIDs: [1001, 1002], residentID: 5001)
        let neighbour = try await env.register(activity.id, start, resident: 5002, as: claims)
        #expect(neighbour.status == .notFound)
        #expect(try neighbour.decode(ProblemBody.self).title == "No such resident")
        // The father, in turn, may sign up his daughter; a resident of another compound may not sign him up.
        let elder = Principal(subject: "resident:5004", role: .resident, householdIDs: [1001], residentID: 5004)
        #expect(try await env.register(activity.id, start, resident: 5001, as: elder).status == .created)
        #expect(try await env.register(activity.id, start, resident: 5004, as: City.outsider).status == .notFound)
        #expect(try await env.send(.post, "/v1/registrations/\(body.id)/cancel", as: City.resident).status == .ok)
    }

    @Test func aFullOccurrenceWaitlistsShowsThePlaceAndCancellingPromotesTheNextInLine() async throws {
        let env = try await CalendarTestEnvironment.make()
        try await env.seedResidents(2, from: 7001)
        let start = Local.at(days: 6, hour: 9)
        let activity = try await env.published(start: start, extra: #""capacity":1"#)
        let first: RegistrationBody = try await env.register(activity.id, start, resident: 7001, as: City.secretary).decode()
        try await env.pages { client in
            var browser = try await ActivityPageBrowser.signedIn(client, as: City.resident, env: env)
            let full = try await browser.get("/activities/\(activity.id)?occurrence=\(start)")
            #expect(full.html.contains(W.full) && full.html.contains(W.fullHint) && full.html.contains(W.submitWaitlist))
            #expect(try await browser.post("/activities/\(activity.id)/sign-up", ["occurrence": start, "resident": "5001"]).status == .seeOther)
            _ = try await env.register(activity.id, start, resident: 7002, as: City.secretary)
            let waiting = try await browser.get("/activities/\(activity.id)")
            #expect(waiting.html.contains(W.waitlisted(1)) && waiting.html.contains(W.waitlist(2)))
            // The first seat is given back: the resident is promoted.
            #expect(try await env.send(.post, "/v1/registrations/\(first.id)/cancel", as: City.secretary).status == .ok)
            let promoted = try await browser.get("/activities/\(activity.id)")
            #expect(promoted.html.contains(W.confirmed) && !promoted.html.contains(W.waitlisted(1)))
            #expect(promoted.html.contains(W.waitlist(1)))
            // Someone else's registration cannot be cancelled from the page.
            let other = try await env.count("SELECT id FROM calendar.registrations WHERE resident_id = 7002")
            #expect(try await browser.post("/activities/\(activity.id)/registrations/\(other)/cancel", [:]).status == .notFound)
            // The resident cancels from the page: 7002 gets the seat.
            let own = try await env.count("SELECT id FROM calendar.registrations WHERE resident_id = 5001")
            let cancelled = try await browser.post("/activities/\(activity.id)/registrations/\(own)/cancel", [:])
            #expect(cancelled.status == .seeOther)
            let back = try #require(cancelled.headers[.location])
            #expect(back.hasPrefix("/activities/\(activity.id)?occurrence=") && back.hasSuffix("&notice=cancelled"))
            let notice = try await browser.get(back)
            #expect(notice.status == .ok && notice.html.contains(W.cancelledNotice))
            #expect(!notice.html.contains(W.mine))
        }
        let statuses = try await env.registrations(occurrenceStart: start, activity: activity.id).map { "\($0.0):\($0.3)" }
        #expect(statuses == ["7001:cancelled", "5001:cancelled", "7002:confirmed"])
        #expect(try await env.events(RegistrationPromoted.self).count == 2)
    }

    @Test func aWindowNotYetOpenIsSaidOnThePageAndAPostIsRefusedInChinese() async throws {
        let env = try await CalendarTestEnvironment.make()
        let start = Local.at(days: 10, hour: 9)
        let activity = try await env.published(start: start, extra: #""registrationOpensDaysBefore":3"#)
        try await env.pages { client in
            var browser = try await ActivityPageBrowser.signedIn(client, as: City.resident, env: env)
            let early = try await browser.get("/activities/\(activity.id)")
            let opens = pageDay(Local.text(Local.instant(start).addingTimeInterval(-3 * 86_400)))
            #expect(early.html.contains(W.opensAt(opens)) && !early.html.contains("id=\"sign-up-button\""))
            let post = try await browser.post("/activities/\(activity.id)/sign-up", ["occurrence": start, "resident": "5001"])
            #expect(post.status == .conflict && post.html.contains(W.registrationNotOpen))
        }
        #expect(try await env.count("SELECT count(*) FROM calendar.registrations") == 0)
    }

    @Test func aHeadSignsUpResidentsOfTheHouseholdsTheyCoverUsingTheReservedSeat() async throws {
        let env = try await CalendarTestEnvironment.make()
        try await env.seedResidents(1, from: 7001)
        let start = Local.at(days: 6, hour: 9)
        let activity = try await env.published(start: start, extra: #""capacity":2,"reservedSeats":1"#)
        // A walk-in takes the one general seat (a staff proxy sign-up would take the reserved one first).
        _ = try await env.register(activity.id, start, resident: 7001, as: City.secretary, channel: "walk-in")
        try await env.pages { client in
            var browser = try await ActivityPageBrowser.signedIn(client, as: City.head, env: env)
            let page = try await browser.get("/activities/\(activity.id)")
            #expect(page.html.contains(W.groupCovered) && page.html.contains(W.covered("居民5002", dwelling: "1002室")))
            #expect(page.html.contains(W.covered("居民5001", dwelling: "1001室")) && !page.html.contains("居民5003"))
            #expect(page.html.contains(W.full) && page.html.contains(W.reserved(1)) && !page.html.contains("1380000"))
            // Their proxy sign-up takes the reserved seat: no waitlist warning for them.
            #expect(!page.html.contains(W.fullHint) && !page.html.contains(W.submitWaitlist))
            let proxy = try await browser.post("/activities/\(activity.id)/sign-up", ["occurrence": start, "resident": "5002"])
            #expect(proxy.status == .seeOther && proxy.headers[.location]?.hasPrefix("/tickets/") == true)
            // 5003's household is not theirs: missing.
            #expect(try await browser.post("/activities/\(activity.id)/sign-up", ["occurrence": start, "resident": "5003"]).status == .notFound)
            let after = try await browser.get("/activities/\(activity.id)")
            #expect(after.html.contains(W.mine) && after.html.contains("居民5002") && after.html.contains(W.confirmed))
        }
        let registrations = try await env.registrations(occurrenceStart: start, activity: activity.id)
        #expect(registrations.last.map { $0.0 == 5002 && $0.1 == "proxy" && $0.2 == 5010 && $0.3 == "confirmed" } == true)
        #expect(try await env.count("SELECT count(*) FROM calendar.seats WHERE reserved AND registration_id IS NOT NULL") == 1)
    }

    @Test func recurrencesAndTimesAreSaidInWords() throws {
        func words(_ rule: String, start: String = "2026-12-12T14:30:00") -> String? {
            ActivityTimeText.recurrence(ActivityFields(title: "x", start: start, recurrence: rule))
        }
        #expect(words("FREQ=MONTHLY;BYDAY=2SA") == "每月第二个周六")
        #expect(words("FREQ=MONTHLY;BYDAY=-1SU;COUNT=12") == "每月最后一个周日，共 12 次")
        #expect(words("FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20261231") == "每周二、周四，至 2026年12月31日")
        #expect(words("FREQ=WEEKLY") == "每周六")
        #expect(words("FREQ=WEEKLY;INTERVAL=2") == "每 2 周的周六")
        #expect(words("FREQ=DAILY;INTERVAL=3") == "每 3 天")
        #expect(words("FREQ=MONTHLY") == "每月12日")
        #expect(words("FREQ=MONTHLY;BYMONTHDAY=-1") == "每月最后一天")
        #expect(words("FREQ=YEARLY") == "每年12月12日")
        #expect(words("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1") == W.irregular)
        #expect(ActivityTimeText.recurrence(ActivityFields(title: "x", start: "2026-12-12T14:30:00")) == nil)
        let zone = RecurrenceSet.defaultTimeZone
        let from = LocalDateTime(text: "2026-12-12T14:30:00")!.instant(in: zone)
        #expect(ActivityTimeText.span(from: from, to: from.addingTimeInterval(90 * 60), in: zone) == "12月12日 周六 14:30–16:00")
        #expect(ActivityTimeText.span(from: from, to: from.addingTimeInterval(12 * 3_600), in: zone) == "12月12日 周六 14:30–12月13日 周日 02:30")
        #expect(ActivityTimeText.window(ActivityFields(title: "x")) == "发布后即可报名，活动开始前均可报名")
    }
}
