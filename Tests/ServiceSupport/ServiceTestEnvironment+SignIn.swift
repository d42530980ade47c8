import Foundation
import Hummingbird
import JobQueue
import Models
import ServiceKit

/// A sign-in token as the registry issues it: it names the account (`acct`) and claims nothing the
/// services should believe (role `resident`, no households), so a test sees that the scope a
/// service answers with comes from its records.
public struct SignInToken: Sendable {
    /// The bearer header.
    public let headers: HTTPFields
    /// When the token expires (tests assert they were refused before).
    public let expiresAt: Date
}

extension ServiceTestEnvironment {
    /// Mints a sign-in token for the account with the test issuer (15 minutes, as the registry's).
    /// - Parameter claimed: what the token claims besides `acct`; services must resolve it from
    ///   their records instead (by default a bare resident).
    public func signIn(
        accountID: Int,
        subject: String? = nil,
        claimed role: Principal.Role = .resident,
        lifetime: TimeInterval = 15 * 60
    ) async throws -> SignInToken {
        let now = Date()
        let principal = Principal(subject: subject ?? "account:\(accountID)", role: role, accountID: accountID)
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(try await tokens.mint(principal, lifetime: lifetime, now: now))"
        headers[.contentType] = "application/json"
        return SignInToken(headers: headers, expiresAt: now.addingTimeInterval(lifetime))
    }

    /// Publishes an `account.changed` as the registry would (the service's worker, when running,
    /// consumes it into its `accounts` projection).
    public func publishAccountChanged(
        _ accountID: Int,
        kind: AccountKind,
        status: AccountStatus = .active,
        residentID: Int? = nil,
        posts: [StaffPost] = [],
        revision: Int
    ) async throws {
        try await runtime.jobs.publish(
            AccountChanged(accountID: accountID, kind: kind, status: status, residentID: residentID, posts: posts, revision: revision)
        )
    }
}
