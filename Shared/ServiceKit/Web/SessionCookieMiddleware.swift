import HTTPTypes
import Hummingbird

/// Lets a browser session reach every service: when a request carries no `Authorization` header but
/// the `linli_access` cookie, the cookie's token becomes its bearer token, and the request is marked
/// cookie-borne (``LinliRequestContext/viaSessionCookie``) so that ``CSRFMiddleware`` guards its
/// unsafe methods. It runs before `AuthenticationMiddleware`, which stays the one place a token is verified.
public struct SessionCookieMiddleware: RouterMiddleware {
    public typealias Context = LinliRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.headers[.authorization] == nil, let token = SessionCookies.value(SessionCookies.access, in: request) else {
            return try await next(request, context)
        }
        var head = request.head
        head.headerFields[.authorization] = "Bearer \(token)"
        var context = context
        context.viaSessionCookie = true
        return try await next(Request(head: head, body: request.body), context)
    }
}
