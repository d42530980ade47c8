import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOCore
import ServiceKit

/// The ticket a sign-up leads to:
/// - `GET /tickets/{id}`: the check-in code large, its QR code (inline SVG, drawn by libqrencode), the
///   activity, time and status (confirmed, or the place on the waitlist), and cancelling.
/// - `POST /tickets/{id}/cancel`: through ``RegistrationDesk``; 303 to the activity page.
/// Someone who may not see the registration gets the same 404 page as for one that does not exist.
struct TicketPageRoutes: Sendable {
    let service: CalendarService
    let pages: WebPages

    init(service: CalendarService) {
        self.service = service
        do { pages = try WebPages(templates: ["ticket": Self.template]) } catch { fatalError("the ticket template does not parse: \(error)") }
    }

    func add(to router: Router<LinliRequestContext>) {
        router.get("/tickets/{id}") { request, context in
            let page = try await TicketPage.load(try context.parameters.require("id", as: Int.self), service: service, by: try context.caller())
            return render(page, for: request)
        }
        router.get("/tickets/{id}/event.ics") { _, context in
            let page = try await TicketPage.load(try context.parameters.require("id", as: Int.self), service: service, by: try context.caller())
            guard let text = try page.calendarFile(link: service.link(activityID: page.registration.activityID), now: Date()) else {
                throw Refusal.notFound("registration")
            }
            var headers = HTTPFields()
            headers[.contentType] = "text/calendar; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"linli-\(page.registration.id).ics\""
            headers[.cacheControl] = "private, no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        router.post("/tickets/{id}/cancel") { _, context in
            let cancelled = try await RegistrationDesk(service: service).cancel(
                try context.parameters.require("id", as: Int.self),
                by: try context.caller()
            )
            return HTMLResponse.redirect(
                to: "/activities/\(cancelled.activityID)?occurrence=\(ReturnPath.encoded(cancelled.recurrenceID))&notice=cancelled"
            )
        }
    }

    private func render(_ page: TicketPage, for request: Request) -> Response {
        typealias W = WebStrings.Ticket
        let csrf = CSRFProtection.token(for: request)
        let registration = page.registration
        let status: (text: String, badge: String) =
            switch registration.status {
            case .confirmed: (W.confirmed, "ok")
            case .waitlisted: (W.waitlisted(registration.waitlistPosition ?? 1), "warn")
            case .cancelled: (W.cancelled, "muted")
            }
        let open = registration.status == .confirmed || registration.status == .waitlisted
        let values: [String: Any] = [
            "id": registration.id, "activityID": registration.activityID, "activity": page.activityTitle, "time": page.time,
            "name": registration.residentName ?? "", "code": registration.checkInCode, "qr": open ? page.qrSVG : "",
            "status": status.text, "badge": status.badge, "open": open, "csrf": csrf.token,
            "t": [
                "code": W.code, "codeHint": W.codeHint, "forWhom": W.forWhom, "when": W.when, "cancel": W.cancel, "back": W.backToActivity,
                "calendar": W.addToCalendar,
            ],
        ]
        let html = pages.render("ticket", title: W.title, values, chrome: .app(.festival))
        return HTMLResponse.page(html, cookies: csrf.setCookie.map { [$0] } ?? [])
    }

    static let template = """
        <h1 id="title">{{activity}}</h1>
        <div class="card" id="ticket">
        <p><span class="badge {{badge}}" id="status">{{status}}</span></p>
        <p><strong>{{t.forWhom}}</strong>：{{name}}</p>
        <p><strong>{{t.when}}</strong>：{{time}}</p>
        {{#open}}
        <p class="meta">{{t.code}}</p>
        <p class="big-code" id="code">{{code}}</p>
        <div class="qr" id="qr">{{{qr}}}</div>
        <p class="hint">{{t.codeHint}}</p>
        {{/open}}
        </div>
        {{#open}}
        <form method="post" action="/tickets/{{id}}/cancel"><input type="hidden" name="_csrf" value="{{csrf}}">
        <button type="submit" class="secondary" id="cancel">{{t.cancel}}</button></form>
        {{/open}}
        <p class="links">{{#open}}<a href="/tickets/{{id}}/event.ics" id="add-to-calendar">{{t.calendar}}</a> · {{/open}}<a href="/activities/{{activityID}}" id="back">{{t.back}}</a></p>
        """
}
