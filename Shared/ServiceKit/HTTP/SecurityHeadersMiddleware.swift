import HTTPTypes
import Hummingbird

/// The headers every response of every service carries unless a route chose its own: `nosniff`
/// (a JSON body or a photo is never run as a script or a page), and `Cache-Control: no-store` (an
/// answer about a person is kept by no shared or browser cache; the stylesheet, the feeds and the
/// inbox stream set their own). It sits outside the problem middlewares and answers the problems they
/// throw, so errors carry them too.
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var noSniff: HTTPField.Name { HTTPField.Name("X-Content-Type-Options")! }

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            // Problems travel up as errors (the router's own 404 too) until here: answered now, with the headers.
            response = try error.response(from: request, context: context)
        }
        if response.headers[Self.noSniff] == nil { response.headers[Self.noSniff] = "nosniff" }
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
