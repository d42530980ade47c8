import Foundation
import Hummingbird
import Logging
import Models

/// The request context of every Linli service: the authenticated principal (if any) and JSON
/// coders with the shared conventions.
public struct LinliRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Who is calling, set by the authentication middleware from the bearer token.
    public var principal: Principal?
    /// The request's id (see ``RequestIDMiddleware``).
    public var requestID: String?
    /// Whether the credentials came from the browser session's cookie rather than an
    /// `Authorization` header (set by ``SessionCookieMiddleware``; ``CSRFMiddleware`` then guards
    /// the request's unsafe methods).
    public var viaSessionCookie = false

    /// The address of the connection's other end (the proxy's, behind one); `nil` in route tests.
    public let peerAddress: String?
    /// The caller's address: the peer's, or the one a trusted proxy forwarded (``ClientAddressMiddleware``).
    /// Per-address rate limits and the sign-in audit use it.
    public var clientAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Bodies are limited by ``BodyLimitMiddleware``, which answers 413 in problem+json.
    public var maxUploadSize: Int { 100 * 1_048_576 }

    public var requestDecoder: JSONDecoder { LinliJSON.makeDecoder() }
    public var responseEncoder: JSONEncoder { LinliJSON.makeEncoder() }

    /// The caller, or 401.
    public func requirePrincipal() throws -> Principal {
        guard let principal else { throw APIError.unauthenticated() }
        return principal
    }
}
