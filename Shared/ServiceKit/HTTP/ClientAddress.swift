import Foundation
import HTTPTypes
import Hummingbird

/// Sets ``LinliRequestContext/clientAddress``: the connection's peer, unless the peer is one of the
/// configured reverse proxies (`LINLI_TRUSTED_PROXIES`), in which case the nearest address in
/// `X-Forwarded-For` that is not itself a trusted proxy. A client cannot choose its address by sending
/// the header itself: it is read only from a trusted peer.
public struct ClientAddressMiddleware: RouterMiddleware {
    public typealias Context = LinliRequestContext
    let trustedProxies: Set<String>

    public init(trustedProxies: Set<String>) { self.trustedProxies = trustedProxies }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.clientAddress = Self.address(peer: context.peerAddress, forwardedFor: request.headers[.xForwardedFor], trusted: trustedProxies)
        return try await next(request, context)
    }

    /// The caller's address from the peer and the `X-Forwarded-For` header.
    static func address(peer: String?, forwardedFor: String?, trusted: Set<String>) -> String? {
        guard let peer, trusted.contains(peer), let forwardedFor else { return peer }
        let hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return hops.last { !trusted.contains($0) } ?? peer
    }
}

extension HTTPField.Name {
    /// `X-Forwarded-For`, set by reverse proxies.
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
