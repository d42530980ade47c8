import Foundation
import Hummingbird
import ServiceKit

/// The callers of the calendar's authorisation matrix, relative to compound B (湘江花园, district 天元 20).
enum CalendarCaller: String, Sendable {
    case admin, districtB, secretaryB, residentB, districtA, secretaryA, headA, residentA, dashboard

    /// Staff covering 湘江花园.
    static let staff: [CalendarCaller] = [.admin, .districtB, .secretaryB]
    /// Callers from 枫林小区 and 渌口 (district 10), and the dashboard, plus 湘江花园's own resident.
    static let outsiders: [CalendarCaller] = [.districtA, .secretaryA, .headA, .residentA, .dashboard, .residentB]

    var principal: Principal {
        switch self {
        case .admin: City.admin
        case .districtB: Principal(subject: "staff:tianyuan", role: .district, areaIDs: [City.tianyuan])
        case .secretaryB: City.otherSecretary
        case .residentB: City.outsider
        case .districtA: City.district
        case .secretaryA: City.secretary
        case .headA: City.head
        case .residentA: City.resident
        case .dashboard: Principal(subject: "system:grafana", role: .dashboard)
        }
    }
}

/// A calendar write route aimed at 湘江花园's objects; `{activity}`, `{start}`, `{venue}`, `{unique}` are filled per call.
struct CalendarRoute: Sendable, CustomStringConvertible {
    /// What exists before each call: nothing, a draft, a published activity, a venue, 6001's registration, or a theme of 天元.
    enum Target: Sendable { case none, draft, published, venue, registration, theme }
    /// When the call is made: now, at the door (30 minutes before the start), or after the activity.
    enum Moment: Sendable { case now, atTheDoor, after }

    let method: HTTPRequest.Method
    let path: String
    let body: String
    let target: Target
    var moment: Moment = .now
    var inside: [CalendarCaller] = CalendarCaller.staff
    var outside: [CalendarCaller] = CalendarCaller.outsiders
    /// Routes naming the compound in the body refuse an outsider with 422 on `compoundID`, which reveals no more than a 404.
    var refusals: Set<Int> = [403, 404]
    var description: String { "\(method) \(path) \(body.prefix(40))" }

    static let occurrence = "/v1/activities/{activity}/occurrences/{start}"
    /// A district office (or the administrator) sets themes for its own areas; secretaries only read them.
    static let themeSetters: [CalendarCaller] = [.admin, .districtB]
    static let notThemeSetters: [CalendarCaller] = [.secretaryB, .districtA, .secretaryA, .headA, .residentA, .residentB, .dashboard]
    static let theme = #"{"month":"{month}","title":"法律进小区{unique}","capacity":40,"scopeAreaIDs":[20]}"#
    static let named: Set<Int> = [403, 404, 422]

    /// Every write route staff (and residents, for their own sign-up) use on a compound's activities and venues.
    static let all: [CalendarRoute] = [
        CalendarRoute(
            method: .post,
            path: "/v1/activities",
            body: #"{"compoundID":201,"title":"邻里节{unique}","start":"{start}","durationMinutes":120}"#,
            target: .none,
            refusals: named
        ),
        CalendarRoute(method: .patch, path: "/v1/activities/{activity}", body: #"{"title":"改名{unique}"}"#, target: .draft),
        CalendarRoute(method: .post, path: "/v1/activities/{activity}/publish", body: "{}", target: .draft),
        CalendarRoute(method: .post, path: "/v1/activities/{activity}/cancel", body: "{}", target: .published),
        CalendarRoute(method: .patch, path: occurrence, body: #"{"title":"改期{unique}"}"#, target: .published),
        CalendarRoute(method: .post, path: occurrence + "/cancel", body: #"{"reason":"场地维修"}"#, target: .published),
        CalendarRoute(
            method: .post,
            path: "/v1/venues",
            body: #"{"compoundID":201,"kind":"hall","name":"活动室{unique}","capacity":40}"#,
            target: .none,
            refusals: named
        ),
        CalendarRoute(method: .post, path: "/v1/venues/{venue}/rooms", body: #"{"name":"二楼{unique}","capacity":20}"#, target: .venue),
        // A resident signs themself up; staff sign them up by proxy.
        CalendarRoute(
            method: .post,
            path: occurrence + "/registrations",
            body: #"{"residentID":6001}"#,
            target: .published,
            inside: CalendarCaller.staff + [.residentB],
            outside: [.districtA, .secretaryA, .headA, .residentA, .dashboard]
        ),
        CalendarRoute(method: .post, path: occurrence + "/check-ins", body: #"{"residentID":6001}"#, target: .published, moment: .atTheDoor),
        CalendarRoute(method: .post, path: occurrence + "/roster", body: #"{"entries":[{"residentID":6001}]}"#, target: .published, moment: .after),
        // The resident cancels their own sign-up; staff cancel it for them.
        CalendarRoute(
            method: .post,
            path: "/v1/registrations/{registration}/cancel",
            body: "{}",
            target: .registration,
            inside: CalendarCaller.staff + [.residentB],
            outside: [.districtA, .secretaryA, .headA, .residentA, .dashboard]
        ),
        CalendarRoute(
            method: .post,
            path: "/v1/themes",
            body: theme,
            target: .none,
            inside: themeSetters,
            outside: notThemeSetters,
            refusals: named
        ),
        CalendarRoute(
            method: .patch,
            path: "/v1/themes/{theme}",
            body: #"{"guidance":"请律师到场{unique}"}"#,
            target: .theme,
            inside: themeSetters,
            outside: notThemeSetters
        ),
        CalendarRoute(method: .post, path: "/v1/themes/{theme}/publish", body: "{}", target: .theme, inside: themeSetters, outside: notThemeSetters),
        CalendarRoute(method: .put, path: occurrence + "/report", body: #"{"notes":"活动顺利{unique}"}"#, target: .published, moment: .after),
    ]
}
