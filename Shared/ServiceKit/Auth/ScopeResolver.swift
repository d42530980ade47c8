import Foundation

/// Turns a sign-in token's principal into what the account covers now, read from the service's own
/// records (its projection of the registry's accounts, head assignments and residents; the
/// registry: its own tables), so a change in the registry takes effect as soon as the service has
/// consumed its event, not when the token expires.
///
/// ``AuthenticationMiddleware`` calls it (through ``ScopeResolverSlot``, which caches) for every
/// principal with an ``Principal/accountID``. The result keeps the token's `subject` and
/// `accountID` and fills `role`, `areaIDs`, `compoundIDs`, `householdIDs` and `residentID` from the
/// records, with the one role mapping of ``AccountScope/principal(for:household:headHouseholds:)``.
public protocol ScopeResolver: Sendable {
    /// The principal the account behind `token` is now.
    /// - Throws: ``ScopeRefusal`` when the account is unknown, disabled or holds no post.
    func resolve(_ token: Principal) async throws -> Principal
}

/// Why a sign-in token's account gives no principal. ``AuthenticationMiddleware`` answers
/// `unknown` and `disabled` with 401 and `noPost` and `mixedPosts` with 403, as problem+json.
public enum ScopeRefusal: Error, Sendable, Equatable {
    /// The service has not (yet) consumed the account's `account.changed`: the client may retry.
    case unknown
    /// An operator disabled the account.
    case disabled
    /// A staff account without a post covers nothing.
    case noPost
    /// A staff account whose posts map to different roles (the registry refuses that; a projection
    /// never should hold it).
    case mixedPosts

    /// The problem's detail, as a person reads it.
    public var detail: String {
        switch self {
        case .unknown: "account not known yet, try again"
        case .disabled: "account disabled"
        case .noPost: "no post"
        case .mixedPosts: "the account's posts have different roles"
        }
    }
}
