import Foundation
import Synchronization

/// Where a service puts its ``ScopeResolver`` for ``AuthenticationMiddleware`` to use, with the
/// per-process ``ScopeResolverCache`` in front of it. The runtime holds one (``LinliRuntime/scopes``);
/// a service installs its resolver when it is made, and its consumers invalidate the cache.
///
/// It is a slot rather than an argument of the router because the router is made before the
/// service (`makeRouter()`, then `addRoutes`), by the executable and by every suite alike. A runtime
/// whose service installed nothing refuses sign-in tokens (401): without records it cannot know
/// what an account covers, and the token alone must not say.
public final class ScopeResolverSlot: Sendable {
    private let resolver = Mutex<(any ScopeResolver)?>(nil)
    /// The resolved principals, per account.
    public let cache: ScopeResolverCache

    /// Creates an empty slot.
    public init(cache: ScopeResolverCache = ScopeResolverCache()) { self.cache = cache }

    /// Makes `resolver` the one that resolves sign-in tokens (replacing any before it).
    public func install(_ resolver: any ScopeResolver) {
        self.resolver.withLock { $0 = resolver }
    }

    /// The principal a verified token stands for now.
    ///
    /// A token without `acct` is returned unchanged: only `linli token` (the operator's tool, on a
    /// shell that holds the registry's private key), the seed and tests mint those, and they carry
    /// explicit scopes on purpose. A sign-in token is resolved from the records, through the cache.
    /// - Throws: ``ScopeRefusal``.
    public func resolve(_ token: Principal) async throws -> Principal {
        guard let accountID = token.accountID else { return token }
        if let cached = cache.principal(accountID: accountID) { return Self.keeping(token, in: cached) }
        guard let resolver = resolver.withLock({ $0 }) else { throw ScopeRefusal.unknown }
        let start = cache.now
        let principal = try await resolver.resolve(token)
        cache.remember(principal, accountID: accountID, resolvedFrom: start)
        return principal
    }

    /// The cached scope with the token's own identity.
    static func keeping(_ token: Principal, in cached: Principal) -> Principal {
        var principal = cached
        principal.subject = token.subject
        principal.accountID = token.accountID
        return principal
    }
}
