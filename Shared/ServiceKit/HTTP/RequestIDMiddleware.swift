import Hummingbird
import Logging

/// Gives every request an id — the client's `X-Request-ID` if it sent a sane one, else a random one — puts it in every
/// log line of the request and returns it in the response, so a user's report finds the logs.
public struct RequestIDMiddleware: RouterMiddleware {
    public typealias Context = LinliRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let incoming = request.headers[.requestID].flatMap { value in
            value.count <= 64 && value.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } ? value : nil
        }
        let id = incoming ?? Self.randomID()
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

    /// A new id: 128 random bits in hex, so ids say nothing about how many requests came before and
    /// cannot be guessed (Hummingbird's own id counts up by one).
    static func randomID() -> String {
        var generator = SystemRandomNumberGenerator()
        return [generator.next(), generator.next()].map { (value: UInt64) in
            let hex = String(value, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }
}
