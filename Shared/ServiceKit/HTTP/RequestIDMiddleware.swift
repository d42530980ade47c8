import Hummingbird
import Logging

/// Gives every request an id — the client's `X-Request-ID` if it sent a sane one — puts it in every
/// log line of the request and returns it in the response, so a user's report finds the logs.
public struct RequestIDMiddleware: RouterMiddleware {
    public typealias Context = LinliRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let incoming = request.headers[.requestID].flatMap { value in
            value.count <= 64 && value.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } ? value : nil
        }
        let id = incoming ?? context.id
        context.requestID = id
        context.logger[metadataKey: "request_id"] = "\(id)"
        do {
            var response = try await next(request, context)
            response.headers[.requestID] = id
            return response
        } catch let error as any HTTPResponseError {
            var response = try error.response(from: request, context: context)
            response.headers[.requestID] = id
            return response
        }
    }
}
