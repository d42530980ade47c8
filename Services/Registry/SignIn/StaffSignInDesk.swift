import Foundation
import JobQueue
import Logging
import Models
import Postgres
import ServiceKit

/// Staff single sign-on (OpenID Connect, authorization code with PKCE): ``startOidc(next:)`` makes
/// and remembers the login's secrets and names the provider's authorize URL; ``completeOidc(code:state:client:)``
/// checks the state, redeems the code, verifies the id_token, maps the posts claim, finds or makes
/// the account of `oidc` "{issuer} {sub}", brings its posts up to date (publishing `account.changed`
/// through ``AccountDesk``) and issues the token pair through ``SessionIssuer``. Every failure is
/// audited and thrown as ``StaffSignInFailure``.
///
/// "browser" calls both from its pages (setting the cookies and redirecting to `next`); the JSON
/// routes of ``StaffSignInRoutes`` call them too.
struct StaffSignInDesk: Sendable {
    /// How long a started login may take to come back.
    static let loginLifetime: TimeInterval = 10 * 60

    let jobs: JobQueue
    let clock: WallClock
    let sessions: SessionIssuer
    /// `nil` when single sign-on is not configured.
    let provider: OidcProvider?
    let logger: Logger

    /// Starts a login: returns the URL to send the browser to, and the state (which "browser" may
    /// bind to the browser in a short-lived cookie). `next` is kept only when it is a same-origin path.
    func startOidc(next: String?) async throws -> (url: String, state: String) {
        guard let provider else { throw StaffSignInFailure.notConfigured }
        let login = OidcPKCE.fresh()
        let url = try await provider.authorizeURL(for: login)
        let now = clock.now()
        try await jobs.pool.withConnection { tx in
            try OidcLoginStore.insert(login, next: Self.safeNext(next), now: now, expiresAt: now.addingTimeInterval(Self.loginLifetime), on: tx)
        }
        return (url, login.state)
    }

    /// Finishes a login at the callback.
    /// - Returns: the token pair and the same-origin path to go on to.
    func completeOidc(code: String, state: String, client: SignInClient) async throws -> (tokens: TokenPair, next: String) {
        do {
            guard let provider else { throw StaffSignInFailure.notConfigured }
            let now = clock.now()
            guard let pending = try await jobs.pool.withConnection({ tx in try OidcLoginStore.take(state: state, now: now, on: tx) }) else {
                throw StaffSignInFailure.stateUnknown
            }
            let idToken = try await provider.exchange(code: code, verifier: pending.verifier)
            let claims = try await provider.verify(idToken, nonce: pending.nonce)
            let posts = OidcPostMapping.posts(from: OidcClaims.strings(provider.settings.postsClaim, of: idToken))
            let subject = "\(claims.iss) \(claims.sub)"
            let accountID = try await link(subject: subject, name: claims.displayName, posts: posts, correlationID: nil)
            let tokens = try await sessions.issue(accountID: accountID, method: .oidc, ip: client.address, userAgent: client.userAgent)
            return (tokens, pending.next)
        } catch let failure as StaffSignInFailure {
            try await audit(failure, client: client)
            throw failure
        }
    }

    /// Finds or makes the account of an OIDC subject and gives it exactly `posts` (those whose place
    /// exists), publishing `account.changed` when anything changed. No posts and no account: refused,
    /// nothing made.
    func link(subject: String, name: String, posts named: [StaffPost], correlationID: String?) async throws -> Int {
        let now = clock.now()
        return try await jobs.withTransaction { tx, outbox in
            let missing = try AccountStore.missingPlaces(named, on: tx)
            let posts = named.filter { post in
                !(post.areaID.map(missing.areas.contains) ?? false) && !(post.compoundID.map(missing.compounds.contains) ?? false)
            }
            if posts.count < named.count {
                logger.notice("the provider named posts of places the registry does not have", metadata: ["subject": "\(subject)"])
            }
            guard StaffPostRole.sharedRole(of: posts) != nil || posts.isEmpty else { throw StaffSignInFailure.postsMixed }
            if let id = try AccountStore.accountID(provider: .oidc, subject: subject, on: tx) {
                try AccountStore.touchIdentity(provider: .oidc, subject: subject, now: now, on: tx)
                guard try AccountStore.account(id, lock: true, on: tx)?.posts != posts else { return id }
                try AccountStore.replacePosts(accountID: id, posts, now: now, on: tx)
                try AccountStore.bumpRevision(id, on: tx)
                _ = try AccountDesk.publish(id, outbox: outbox, correlationID: correlationID, on: tx)
                return id
            }
            guard !posts.isEmpty else { throw StaffSignInFailure.noPost }
            let id = try AccountStore.insert(kind: .staff, displayName: name, residentID: nil, on: tx)
            try AccountStore.replacePosts(accountID: id, posts, now: now, on: tx)
            guard try AccountStore.addIdentities([AccountIdentity(provider: .oidc, subject: subject)], accountID: id, on: tx).isEmpty else {
                // A concurrent first sign-in of the same subject won; signing in again finds its account.
                throw Refusal.conflict("this account is being made by another sign-in; sign in again", code: "identity-taken")
            }
            try AccountStore.touchIdentity(provider: .oidc, subject: subject, now: now, on: tx)
            _ = try AccountDesk.publish(id, outbox: outbox, correlationID: correlationID, on: tx)
            return id
        }
    }

    /// `next` when it is a path on this origin (`/…`, not `//…` or `/\…`), else `/`.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), next.count <= 500,
            !next.contains(where: { $0.isNewline || $0 == "\\" })
        else { return "/" }
        return next
    }

    private func audit(_ failure: StaffSignInFailure, client: SignInClient) async throws {
        let entry = SignInAudit.Entry(
            action: .signIn,
            outcome: .refused,
            method: .oidc,
            ip: client.address,
            userAgent: client.userAgent,
            detail: failure.code
        )
        try await SignInAudit.record(entry, at: clock.now(), pool: jobs.pool)
    }
}
