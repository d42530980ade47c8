import Foundation
import ServiceKit

/// The sign-in pages' backend on the registry's own desks: ``PhoneCodeDesk`` (helper "accounts")
/// for the phone steps, ``PasswordSignInDesk`` and ``StaffSignInDesk`` (helper "staff sign-in") for
/// staff, and ``SessionDesk`` (helper "accounts") for renewal and sign-out. The pages call nothing
/// else: the limits, the audit and the tokens are the desks'.
struct PagesDesks: SignInPagesBackend {
    let phone: PhoneCodeDesk
    let password: PasswordSignInDesk
    let staff: StaffSignInDesk
    let sessions: SessionDesk

    var offersSingleSignOn: Bool { staff.provider != nil }

    /// The desks of a registry on `runtime` with `configuration`.
    init(runtime: LinliRuntime, configuration: RegistryConfiguration, vault: PersonalDataVault) {
        let issuer = SessionIssuer(pool: runtime.pool, clock: runtime.clock, issuerName: runtime.configuration.auth.issuer)
        phone = PhoneCodeDesk(jobs: runtime.jobs, clock: runtime.clock, vault: vault, sessions: issuer)
        password = PasswordSignInDesk(jobs: runtime.jobs, clock: runtime.clock, sessions: issuer, vault: vault)
        let provider = configuration.oidc.map { OidcProvider(settings: $0, clock: runtime.clock, logger: runtime.logger) }
        staff = StaffSignInDesk(jobs: runtime.jobs, clock: runtime.clock, sessions: issuer, provider: provider, logger: runtime.logger)
        sessions = SessionDesk(pool: runtime.pool, clock: runtime.clock, sessions: issuer)
    }

    func requestCode(phone number: String, client: SignInClient) async throws {
        _ = try await phone.requestCode(PhoneCodeRequest(phone: number), from: client.address, userAgent: client.userAgent, correlationID: nil)
    }

    func verifyCode(phone number: String, code: String, client: SignInClient) async throws -> BrowserTokens {
        let pair = try await phone.verify(
            PhoneVerification(phone: number, code: code),
            from: client.address,
            userAgent: client.userAgent,
            correlationID: nil
        )
        return BrowserTokens(pair)
    }

    func signInWithPassword(login: String, password secret: String, totp: String, client: SignInClient) async throws -> BrowserTokens {
        BrowserTokens(try await password.signIn(login: login, password: secret, totp: totp, client: client))
    }

    func completeSingleSignOn(code: String, state: String, client: SignInClient) async throws -> (tokens: BrowserTokens, next: String) {
        let (pair, next) = try await staff.completeOidc(code: code, state: state, client: client)
        return (BrowserTokens(pair), next)
    }

    func refresh(_ refreshToken: String, client: SignInClient) async throws -> BrowserTokens {
        BrowserTokens(try await sessions.refresh(RefreshRequest(refreshToken: refreshToken), from: client.address, userAgent: client.userAgent))
    }

    func signOut(_ refreshToken: String, client: SignInClient) async throws {
        try await sessions.signOut(RefreshRequest(refreshToken: refreshToken), from: client.address, userAgent: client.userAgent)
    }
}

extension BrowserTokens {
    /// The cookies' halves of a sign-in's token pair.
    init(_ pair: TokenPair) { self.init(access: pair.accessToken, refresh: pair.refreshToken) }
}
