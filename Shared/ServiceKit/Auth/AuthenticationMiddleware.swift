import Hummingbird
import Logging

/// Reads `Authorization: Bearer …` into ``LinliRequestContext/principal``. A request without a
/// token goes on anonymous (routes that need one answer 401); a bad token is a 401 at once.
public struct AuthenticationMiddleware: RouterMiddleware {
    public typealias Context = LinliRequestContext
    let tokens: TokenVerifier

    public init(tokens: TokenVerifier) { self.tokens = tokens }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError.unauthenticated("the Authorization header must be 'Bearer <token>'")
        }
        var context = context
        let principal = try await tokens.verify(String(parts[1]))
        context.principal = principal
        context.logger[metadataKey: "principal"] = "\(principal.subject)"
        return try await next(request, context)
    }
}
