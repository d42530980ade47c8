import Crypto
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// What a sign-in answers: a 15-minute access token and a rotating refresh token, and the account.
struct TokenPair: Codable, Sendable, ResponseEncodable {
    var accessToken: String
    var refreshToken: String
    var tokenType = "Bearer"
    /// Seconds the access token lives (900).
    var expiresIn: Int
    var account: AccountView
}

/// Issues the token pair of a sign-in: maps the account to its ``Principal`` (``AccountPrincipal``),
/// mints a 15-minute Ed25519 access token carrying `acct`, stores a new refresh token (a new family,
/// or the next of one on refresh) and audits the sign-in.
///
/// The one way a sign-in ends: phone codes here, and "staff sign-in" (OIDC, password + TOTP) and
/// "browser" (the sign-in pages) call ``issue(accountID:method:ip:userAgent:)`` too.
struct SessionIssuer: Sendable {
    /// How long an access token lives.
    static let accessLifetime: TimeInterval = 15 * 60
    /// How long a refresh token lives.
    static let refreshLifetime: TimeInterval = 30 * 86_400

    let pool: PostgresPool
    let keys: SigningKeyStore
    let clock: WallClock
    /// The `iss` claim (`LINLI_JWT_ISSUER`).
    let issuerName: String

    init(pool: PostgresPool, clock: WallClock, issuerName: String) {
        self.pool = pool
        self.keys = SigningKeyStore(pool: pool, clock: clock)
        self.clock = clock
        self.issuerName = issuerName
    }

    /// Signs the account in: a new refresh family, audited as `sign-in` (success, or refused with the reason).
    /// - Throws: ``SessionFailure`` (disabled, no post, not placed) after auditing the refusal.
    func issue(accountID: Int, method: SignInAudit.Method, ip: String?, userAgent: String?) async throws -> TokenPair {
        let issuer = try await keys.issuer(name: issuerName)
        let now = clock.now()
        do {
            return try await pool.withTransaction { tx in
                try await issue(accountID: accountID, family: UUID(), method: method, ip: ip, userAgent: userAgent, issuer: issuer, now: now, on: tx)
            }
        } catch let failure as SessionFailure {
            let entry = SignInAudit.Entry(
                accountID: accountID,
                action: .signIn,
                outcome: .refused,
                method: method,
                ip: ip,
                userAgent: userAgent,
                detail: failure.code
            )
            try await SignInAudit.record(entry, at: now, pool: pool)
            throw failure
        }
    }

    /// Issues a pair in the caller's transaction (``issue(accountID:method:ip:userAgent:)`` and the
    /// phone and refresh desks): the principal, a refresh token in `family`, the audit row.
    func issue(
        accountID: Int,
        family: UUID,
        method: SignInAudit.Method,
        ip: String?,
        userAgent: String?,
        issuer: TokenIssuer,
        now: Date,
        audit action: SignInAudit.Action = .signIn,
        subject: String? = nil,
        on tx: isolated PostgresConnection
    ) async throws -> TokenPair {
        let principal = try AccountPrincipal.principal(accountID: accountID, now: now, on: tx)
        guard let account = try AccountStore.account(accountID, on: tx) else { throw Refusal.notFound("account") }
        let refresh = Self.newRefreshToken()
        try SessionStore.insert(
            familyID: family,
            accountID: accountID,
            hash: Self.hash(refresh),
            now: now,
            expiresAt: now.addingTimeInterval(Self.refreshLifetime),
            on: tx
        )
        let entry = SignInAudit.Entry(
            accountID: accountID,
            action: action,
            outcome: .success,
            method: method,
            subject: subject,
            ip: ip,
            userAgent: userAgent
        )
        try SignInAudit.record(entry, at: now, on: tx)
        let access = try await issuer.mint(principal, lifetime: Self.accessLifetime, now: now)
        return TokenPair(accessToken: access, refreshToken: refresh, expiresIn: Int(Self.accessLifetime), account: account)
    }

    /// 32 random bytes, base64url.
    static func newRefreshToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
        return bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The stored form of a refresh token: its SHA-256.
    static func hash(_ token: String) -> Data { Data(SHA256.hash(data: Data(token.utf8))) }
}
