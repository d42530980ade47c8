import Foundation
import HTTPTypes
import Hummingbird
import ServiceKit

/// The resident's pages of activities (Chinese, phone first, plain forms):
/// - `GET /activities/{id}?occurrence={start}`: the page every message links to, readable without signing in
///   when published (or cancelled); signed in, sign-up for oneself, one's household or (a head) the households
///   one covers, and one's sign-ups with their waitlist place.
/// - `POST /activities/{id}/sign-up` (`occurrence`, `resident`): through ``RegistrationDesk``; 303 to the
///   ticket `/tickets/{registration}`, or the page again with the reason (409/422). Out of scope: 404.
/// - `POST /activities/{id}/registrations/{registration}/cancel`: through ``RegistrationDesk``; 303 back to the page.
/// - `GET /festival?month=YYYY-MM` (``FestivalPageRoutes``).
///
/// Posts made with the session cookie are checked by `CSRFMiddleware` before they get here.
struct ActivityPageRoutes: Sendable {
    let service: CalendarService
    let view = ActivityPageView()

    var desk: ActivityPageDesk { ActivityPageDesk(service: service) }
    var registrations: RegistrationDesk { RegistrationDesk(service: service) }

    /// The notices a redirect back to the page may ask for.
    static let notices = ["cancelled": WebStrings.Activity.cancelledNotice]

    func add(to router: Router<LinliRequestContext>) {
        router.get("/activities/{id}") { request, context in
            let query = request.uri.queryParameters
            let page = try await desk.page(
                activityID: try context.parameters.require("id", as: Int.self),
                occurrence: query["occurrence"].map(String.init),
                principal: context.principal
            )
            return view.render(page, for: request, notice: query["notice"].flatMap { Self.notices[String($0)] })
        }
        router.post("/activities/{id}/sign-up") { request, context in try await signUp(request, context) }
        router.post("/activities/{id}/registrations/{registration}/cancel") { request, context in try await cancel(request, context) }
        FestivalPageRoutes(service: service).add(to: router)
    }

    private func signUp(_ request: Request, _ context: LinliRequestContext) async throws -> Response {
        var request = request
        let caller = try context.caller()
        let activityID = try context.parameters.require("id", as: Int.self)
        let form = try await WebForm.read(&request, context: context)
        guard let occurrence = form["occurrence"] else {
            return try await again(activityID, occurrence: nil, caller, request, error: (WebStrings.Activity.pickOccurrence, .unprocessableContent))
        }
        guard let resident = form["resident"].flatMap(Int.init) else {
            return try await again(
                activityID,
                occurrence: occurrence,
                caller,
                request,
                error: (WebStrings.Activity.pickSomeone, .unprocessableContent)
            )
        }
        do {
            let registration = try await registrations.register(
                activityID: activityID,
                recurrence: occurrence,
                NewRegistration(residentID: resident, channel: nil),
                by: caller
            )
            return HTMLResponse.redirect(to: "/tickets/\(registration.id)")
        } catch let refusal as Refusal {
            guard let message = SignUpRefusal.message(for: refusal) else { throw refusal }
            return try await again(activityID, occurrence: occurrence, caller, request, error: message)
        }
    }

    private func cancel(_ request: Request, _ context: LinliRequestContext) async throws -> Response {
        let caller = try context.caller()
        let activityID = try context.parameters.require("id", as: Int.self)
        do {
            let cancelled = try await registrations.cancel(try context.parameters.require("registration", as: Int.self), by: caller)
            let occurrence = ReturnPath.encoded(cancelled.recurrenceID)
            return HTMLResponse.redirect(to: "/activities/\(cancelled.activityID)?occurrence=\(occurrence)&notice=cancelled")
        } catch let refusal as Refusal {
            guard let message = SignUpRefusal.message(for: refusal) else { throw refusal }
            return try await again(activityID, occurrence: nil, caller, request, error: message)
        }
    }

    /// The page again after a refused post, with the reason and its status.
    private func again(
        _ activityID: Int,
        occurrence: String?,
        _ caller: Caller,
        _ request: Request,
        error: (text: String, status: HTTPResponse.Status)
    ) async throws -> Response {
        let page = try await desk.page(activityID: activityID, occurrence: occurrence, principal: caller.principal)
        return view.render(page, for: request, error: error.text, status: error.status)
    }
}
