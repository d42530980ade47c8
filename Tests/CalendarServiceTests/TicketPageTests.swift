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

@Suite("The ticket page: the check-in code and its QR code to its owner, a calendar file, cancelling with the CSRF token")
struct TicketPageTests {
    typealias W = WebStrings.Ticket

    @Test func theDaughterSeesHerFathersCodeAndQRAndANeighbourGetsTheMissingPage() async throws {
        let env = try await CalendarTestEnvironment.make()
        try await env.seedFather()
        let start = Local.at(days: 6, hour: 9)
        let activity = try await env.published("端午包粽子", start: start, extra: #""capacity":10,"location":"二楼活动室""#)
        try await env.pages { client in
            var daughter = try await ActivityPageBrowser.signedIn(client, as: City.resident, env: env)
            _ = try await daughter.get("/activities/\(activity.id)")
            let signedUp = try await daughter.post("/activities/\(activity.id)/sign-up", ["occurrence": start, "resident": "5004"])
            let location = try #require(signedUp.headers[.location])
            let code = try await env.pool.query("SELECT check_in_code FROM calendar.registrations WHERE resident_id = 5004").first!
                .decode("check_in_code", as: String.self)

            let ticket = try await daughter.get(location)
            #expect(ticket.status == .ok && ticket.isGuarded)
            #expect(ticket.html.contains("端午包粽子") && ticket.html.contains("居民5004") && ticket.html.contains(W.confirmed))
            #expect(ticket.html.contains(#"id="code">\#(code)<"#))
            #expect(ticket.html.contains("<svg") && ticket.html.contains(W.qrLabel))
            #expect(ticket.html.contains("\(pageDay(start))–11:00"))
            #expect(!ticket.html.contains("<script") && !ticket.html.contains("style="))

            var neighbour = try await ActivityPageBrowser.signedIn(client, as: City.neighbour, env: env)
            let refused = try await neighbour.get(location)
            #expect(refused.status == .notFound)
            #expect(refused.html.contains(WebStrings.Errors.notFound) && !refused.html.contains(code))
            var anonymous = ActivityPageBrowser(client: client)
            let signedOut = try await anonymous.get(location)
            #expect(signedOut.status != .ok && !signedOut.html.contains(code))
            #expect(try await daughter.get("/tickets/999999").status == .notFound)
        }
    }

    @Test func theCalendarFileHoldsTheOneOccurrenceWithTheFeedsUID() async throws {
        let env = try await CalendarTestEnvironment.make()
        let start = Local.at(days: 6, hour: 9)
        let activity = try await env.published("重阳登高", start: start, extra: #""recurrence":"FREQ=WEEKLY;COUNT=4","location":"岳麓山东门""#)
        let registration = try await env.register(activity.id, start, resident: 5001, as: City.resident)
        let id: Int = try registration.decode(RegistrationID.self).id
        try await env.pages { client in
            var browser = try await ActivityPageBrowser.signedIn(client, as: City.resident, env: env)
            let file = try await browser.get("/tickets/\(id)/event.ics")
            #expect(file.status == .ok)
            #expect(file.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(file.headers[.contentDisposition]?.contains("linli-\(id).ics") == true)
            let text = file.html
            #expect(text.contains("UID:registration-\(id)@linli") && text.contains("SUMMARY:重阳登高"))
            #expect(text.contains("LOCATION:岳麓山东门") && text.contains("STATUS:CONFIRMED"))
            #expect(!text.contains("RRULE"), "one occurrence, not the series")
            #expect(text.components(separatedBy: "BEGIN:VEVENT").count == 2)
            let compact = start.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
            #expect(text.contains("DTSTART;TZID=Asia/Shanghai:\(compact)"))

            var neighbour = try await ActivityPageBrowser.signedIn(client, as: City.neighbour, env: env)
            #expect(try await neighbour.get("/tickets/\(id)/event.ics").status == .notFound)
        }
    }

    @Test func cancellingNeedsTheCSRFTokenAndFreesTheSeat() async throws {
        let env = try await CalendarTestEnvironment.make()
        let start = Local.at(days: 6, hour: 9)
        let activity = try await env.published(start: start, extra: #""capacity":1"#)
        let first = try await env.register(activity.id, start, resident: 5001, as: City.resident)
        let id: Int = try first.decode(RegistrationID.self).id
        _ = try await env.register(activity.id, start, resident: 5002, as: City.neighbour)
        try await env.pages { client in
            var browser = try await ActivityPageBrowser.signedIn(client, as: City.resident, env: env)
            let ticket = try await browser.get("/tickets/\(id)")
            #expect(ticket.html.contains(#"action="/tickets/\#(id)/cancel""#) && ticket.html.contains(#"name="_csrf""#))

            let forged = try await browser.post("/tickets/\(id)/cancel", [:], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try await env.registrations(occurrenceStart: start, activity: activity.id).map(\.3) == ["confirmed", "waitlisted"])

            let cancelled = try await browser.post("/tickets/\(id)/cancel", [:])
            #expect(cancelled.status == .seeOther)
            #expect(cancelled.headers[.location] == "/activities/\(activity.id)?occurrence=\(ReturnPath.encoded(start))&notice=cancelled")
            #expect(try await env.registrations(occurrenceStart: start, activity: activity.id).map(\.3) == ["cancelled", "confirmed"])

            let after = try await browser.get("/tickets/\(id)")
            #expect(after.status == .ok && after.html.contains(W.cancelled))
            #expect(!after.html.contains("<svg") && !after.html.contains("id=\"cancel\""), "a cancelled ticket shows no code to scan")
        }
    }
}

/// The id of a registration the JSON API returned.
private struct RegistrationID: Decodable {
    let id: Int
}
