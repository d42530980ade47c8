import Foundation
import Hummingbird

/// A write route of the notifications service, with who may use it (docs/notifications.md) and who may not.
struct NoticeRoute: Sendable, CustomStringConvertible {
    let method: HTTPRequest.Method
    /// The path and body, with `{inbox}`, `{task}`, `{webhook}`, `{residentB}`, `{compoundB}`, `{areaB}`, `{unique}` to fill.
    let path: String
    let body: String
    var target: NoticeTarget = .none
    var inside: [NoticeCaller] = NoticeCaller.staff
    var outside: [NoticeCaller] = NoticeCaller.outsiders + [.residentB, .neighbourB]
    /// A notice naming compounds or an area outside the caller's scope is a 422 "outside your scope", which reveals no more than a 404.
    var refusals: Set<Int> = [403, 404]
    var description: String { "\(method) \(path) \(body.prefix(40))" }

    static let template = "/v1/templates/activity.published/sms"
    static let preferences =
        #"{"residentID":{residentB},"items":[{"kind":"*","channel":"sms","enabled":true},{"kind":"points.awarded","channel":"inbox","enabled":false}]}"#
    /// Staff of anywhere: the templates are the city's, not a compound's.
    static let anyStaff: [NoticeCaller] = NoticeCaller.staff + [.districtA, .secretaryA]
    /// Tokens without a resident behind them have no inbox (403).
    static let noInbox: [NoticeCaller] = anyStaff + [.dashboard]

    /// Every POST, PUT and DELETE of Services/Notifications/openapi.yaml but the queue's admin routes.
    static let all: [NoticeRoute] = [
        // The inbox is the resident's own: another's message is a 404, a token without a resident a 403.
        NoticeRoute(
            method: .post,
            path: "/v1/inbox/{inbox}/read",
            body: "",
            inside: [.residentB],
            outside: noInbox + [.neighbourB, .residentA, .headA]
        ),
        // Marks the caller's own messages, whoever they are; only tokens without an inbox are refused.
        NoticeRoute(
            method: .post,
            path: "/v1/inbox/read-all",
            body: "",
            inside: [.residentB, .neighbourB, .residentA, .headA],
            outside: noInbox
        ),
        NoticeRoute(
            method: .put,
            path: template,
            body: #"{"body":"【邻里】{{title}} {{time}} 第{unique}版"}"#,
            inside: [.admin],
            outside: NoticeCaller.notAdmin
        ),
        NoticeRoute(method: .delete, path: template, body: "", inside: [.admin], outside: NoticeCaller.notAdmin),
        NoticeRoute(
            method: .post,
            path: "/v1/templates/preview",
            body: #"{"kind":"activity.published","channel":"sms","body":"{{title}} {unique}"}"#,
            inside: anyStaff,
            outside: [.headA, .residentA, .residentB, .dashboard]
        ),
        // The resident themself, or staff covering them; anyone else (B's neighbour too) gets 404.
        NoticeRoute(
            method: .put,
            path: "/v1/residents/{residentB}/preferences",
            body: preferences,
            inside: NoticeCaller.staff + [.residentB],
            outside: NoticeCaller.outsiders + [.neighbourB]
        ),
        NoticeRoute(method: .post, path: "/v1/copy-tasks/{task}/done", body: "", target: .copyTask),
        NoticeRoute(
            method: .post,
            path: "/v1/notices",
            body: #"{"title":"停水通知{unique}","body":"明日停水","compoundIDs":[{compoundB}]}"#,
            refusals: [403, 404, 422]
        ),
        NoticeRoute(
            method: .post,
            path: "/v1/notices",
            body: #"{"title":"停电通知{unique}","body":"明日停电","areaID":{areaB}}"#,
            refusals: [403, 404, 422]
        ),
        NoticeRoute(
            method: .post,
            path: "/v1/webhooks",
            body: #"{"name":"短信网关{unique}","url":"http://127.0.0.1:9/sms","purpose":"sms"}"#,
            inside: [.admin],
            outside: NoticeCaller.notAdmin
        ),
        NoticeRoute(method: .delete, path: "/v1/webhooks/{webhook}", body: "", target: .webhook, inside: [.admin], outside: NoticeCaller.notAdmin),
    ]
}
