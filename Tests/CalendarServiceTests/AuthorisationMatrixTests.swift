import Foundation
import Hummingbird
import LinliTestSupport
import ServiceKit
import Testing

/// Every write route of the calendar, as every kind of caller, on an object of 湘江花园.
@Suite("Authorisation matrix of the calendar's write routes")
struct AuthorisationMatrixTests {
    /// Creates the route's target as the administrator and returns the placeholders to fill it with.
    func make(_ target: CalendarRoute.Target, start: String, month: String, env: CalendarTestEnvironment) async throws -> [String: String] {
        var values = ["start": start, "month": month]
        switch target {
        case .none: break
        case .theme:
            let json = CalendarRoute.theme.replacingOccurrences(of: "{month}", with: month).replacingOccurrences(of: "{unique}", with: "")
            let theme = try await env.send(.post, "/v1/themes", json, as: City.admin)
            guard theme.status == .created else { throw TestFailure("theme: \(theme.status) \(theme.text)") }
            values["theme"] = String(try theme.decode(ThemeBody.self).id)
        case .draft, .published, .registration:
            let json = #"{"compoundID":201,"title":"读书会","start":"\#(start)","durationMinutes":120,"capacity":10}"#
            let draft = try await env.send(.post, "/v1/activities", json, as: City.admin)
            guard draft.status == .created else { throw TestFailure("draft: \(draft.status) \(draft.text)") }
            let activity: ActivityBody = try draft.decode()
            values["activity"] = String(activity.id)
            if case .draft = target {
            } else {
                let published = try await env.send(.post, "/v1/activities/\(activity.id)/publish", as: City.admin)
                guard published.status == .ok else { throw TestFailure("publish: \(published.status) \(published.text)") }
            }
            if case .registration = target {
                let path = "/v1/activities/\(activity.id)/occurrences/\(start)/registrations"
                let registration = try await env.send(.post, path, #"{"residentID":6001}"#, as: City.admin)
                guard registration.status == .created else { throw TestFailure("register: \(registration.status) \(registration.text)") }
                values["registration"] = String(try registration.decode(RegistrationBody.self).id)
            }
        case .venue:
            let venue = try await env.send(
                .post,
                "/v1/venues",
                #"{"compoundID":201,"kind":"hall","name":"礼堂\#(start)","capacity":40}"#,
                as: City.admin
            )
            guard venue.status == .created else { throw TestFailure("venue: \(venue.status) \(venue.text)") }
            values["venue"] = String(try venue.decode(VenueTests.VenueReply.self).id)
        }
        return values
    }

    @Test(arguments: CalendarRoute.all)
    func scopeAndRoleDecide(_ route: CalendarRoute) async throws {
        let env = try await CalendarTestEnvironment.make("matrix")
        var serial = 0
        func call(_ caller: CalendarCaller?) async throws -> (Reply, String) {
            serial += 1
            // Each call gets its own day, so that no activity clashes with another.
            let start = Local.at(days: 2 + serial, hour: 9)
            // And its own month, so that no theme meets another of the same month.
            let month = "2031-" + String(100 + serial).suffix(2)
            let values = try await make(route.target, start: start, month: month, env: env)
            let fill = { (text: String) in
                values.reduce(text.replacingOccurrences(of: "{unique}", with: String(serial))) {
                    $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value)
                }
            }
            let instant = Local.instant(start)
            let moment: CalendarTestEnvironment =
                switch route.moment {
                case .now: env
                case .atTheDoor: env.at { instant.addingTimeInterval(-1_800) }
                case .after: env.at { instant.addingTimeInterval(4 * 3_600) }
                }
            let reply = try await moment.send(route.method, fill(route.path), fill(route.body), as: caller?.principal)
            return (reply, "\(route) as \(caller?.rawValue ?? "nobody"): \(reply.status.code) \(reply.text)")
        }
        for caller in route.outside {
            let (reply, what) = try await call(caller)
            #expect(route.refusals.contains(reply.status.code), "outside: \(what)")
        }
        for caller in route.inside {
            let (reply, what) = try await call(caller)
            #expect((200..<300).contains(reply.status.code), "inside: \(what)")
        }
        let (anonymous, what) = try await call(nil)
        #expect(anonymous.status == .unauthorized, "\(what)")
    }
}
