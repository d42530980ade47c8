import Hummingbird
import Logging

/// Reads `Authorization: Bearer …` into ``LinliRequestContext/principal``. A request without a
/// token goes on anonymous (routes that need one answer 401); a bad token is a 401 at once.
///
/// A sign-in token (one with `acct`) is resolved through ``ScopeResolverSlot``: its role and scope
/// come from the service's records, not from the token, so an ended head assignment or a disabled
/// account takes effect as soon as the service consumed the event. An unknown or disabled account
/// is a 401, a staff account without a post a 403. An operator's token (no `acct`) passes as it is:
/// it is minted only with the registry's private key, by `linli token`, the seed and tests.
public struct AuthenticationMiddleware: RouterMiddleware {
    public typealias Context = LinliRequestContext
    let tokens: TokenVerifier
    let scopes: ScopeResolverSlot

    /// - Parameter scopes: resolves sign-in tokens (a slot with no resolver refuses them).
    public init(tokens: TokenVerifier, scopes: ScopeResolverSlot = ScopeResolverSlot()) {
        self.tokens = tokens
        self.scopes = scopes
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError.unauthenticated("the Authorization header must be 'Bearer <token>'")
        }
        var context = context
        let principal = try await resolve(try await tokens.verify(String(parts[1])))
        context.principal = principal
        context.logger[metadataKey: "principal"] = "\(principal.subject)"
        return try await next(request, context)
    }

    private func resolve(_ token: Principal) async throws -> Principal {
        do {
            return try await scopes.resolve(token)
        } catch let refusal as ScopeRefusal {
            switch refusal {
            case .unknown, .disabled: throw APIError.unauthenticated(refusal.detail)
            case .noPost, .mixedPosts: throw APIError.forbidden(refusal.detail)
            }
        }
    }
}
