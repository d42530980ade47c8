import HTTPTypes
import Hummingbird

/// Gives a browser a Chinese page instead of problem+json: a request whose `Accept` prefers
/// `text/html` gets the problem rendered as ``ErrorPage`` with the same status and headers
/// (`Retry-After` included). A page opened without a valid session (401 on GET) is sent on instead:
/// to `/auth/refresh?next=…` when it carried an access cookie (expired: the refresh cookie renews it),
/// else to `/auth/sign-in?next=…`. API clients, which ask for JSON or nothing, get problem+json as before.
///
/// It sits outside ``ProblemMiddleware`` (which turns every error into an ``APIError``).
public struct BrowserErrorMiddleware: RouterMiddleware {
    public typealias Context = LinliRequestContext

    /// The sign-in page, on the front door's origin.
    public static let signInPath = "/auth/sign-in"
    /// The page that renews the access cookie with the refresh cookie.
    public static let refreshPath = "/auth/refresh"

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            guard request.prefersHTML else { throw error }
            let back = ReturnPath.encoded(ReturnPath.safe(request.pathAndQuery))
            if error.status == .unauthorized, request.method == .get || request.method == .head, !request.uri.path.hasPrefix("/auth/") {
                let hadSession = SessionCookies.value(SessionCookies.access, in: request) != nil
                return HTMLResponse.redirect(to: (hadSession ? Self.refreshPath : Self.signInPath) + "?next=" + back)
            }
            let html = ErrorPage.html(for: error, requestID: context.requestID, signInLink: Self.signInPath + "?next=" + back)
            var response = HTMLResponse.page(html, status: error.status)
            for field in error.headers where field.name != .contentType { response.headers.append(field) }
            return response
        }
    }
}
