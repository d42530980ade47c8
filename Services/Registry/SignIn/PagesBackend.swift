import Foundation

/// The two tokens a browser session holds, in its `linli_access` and `linli_refresh` cookies.
struct BrowserTokens: Sendable, Equatable {
    let access: String
    let refresh: String
}

/// Who is signing in, for the limits and the audit: the caller's address and user agent.
struct SignInClient: Sendable {
    let address: String?
    let userAgent: String?
}

/// What the sign-in pages ask of the registry's sign-in desks (helper "accounts": phone codes,
/// refresh, sign-out; helper "staff sign-in": password + TOTP, OIDC). The pages are HTTP and words
/// only; every rule, limit and audit row is the desks'. A desk's failure (`SessionFailure`,
/// `StaffSignInFailure`, `Refusal`) is thrown through unchanged and put into Chinese by ``PagesFailure``.
protocol SignInPagesBackend: Sendable {
    /// Sends a code to the phone if it is registered (the same answer either way).
    func requestCode(phone: String, client: SignInClient) async throws
    /// Checks the code and opens a session.
    func verifyCode(phone: String, code: String, client: SignInClient) async throws -> BrowserTokens
    /// A staff member's password and TOTP code.
    func signInWithPassword(login: String, password: String, totp: String, client: SignInClient) async throws -> BrowserTokens
    /// Rotates the refresh token.
    func refresh(_ refreshToken: String, client: SignInClient) async throws -> BrowserTokens
    /// Revokes the refresh token's family.
    func signOut(_ refreshToken: String, client: SignInClient) async throws
    /// Finishes a single sign-on at the browser's callback: the tokens and the `next` the login started with.
    func completeSingleSignOn(code: String, state: String, client: SignInClient) async throws -> (tokens: BrowserTokens, next: String)
    /// Whether single sign-on is configured (the page then offers "使用单位账号登录").
    var offersSingleSignOn: Bool { get }
}
