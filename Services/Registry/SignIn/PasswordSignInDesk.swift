import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// The staff password + TOTP fallback: ``signIn(login:password:totp:client:)`` checks both (bcrypt,
/// RFC 6238 with a step never accepted twice) and issues the token pair through ``SessionIssuer``;
/// five failures for a login lock the account for 15 minutes. ``setCredentials(accountID:_:by:)``
/// is the operator's: a new password and a new TOTP secret, whose `otpauth://` URI is shown once.
struct PasswordSignInDesk: Sendable {
    /// Failures in a row that lock the account.
    static let failureLimit = 5
    /// How long a lock lasts.
    static let lockDuration: TimeInterval = 15 * 60

    let jobs: JobQueue
    let clock: WallClock
    let sessions: SessionIssuer
    let vault: PersonalDataVault

    /// What one attempt came to, decided in its transaction (a failure's count must commit too).
    private enum Verdict {
        case accepted(accountID: Int)
        case refused(accountID: Int?)
        case locked(accountID: Int, until: Date, now: Bool)
    }

    /// Signs a staff member in with their login, password and current TOTP code.
    /// - Throws: ``StaffSignInFailure/badCredentials`` (which part was wrong is not told),
    ///   ``StaffSignInFailure/locked(until:)``; ``SessionFailure`` from issuing (disabled, no post).
    func signIn(login: String, password: String, totp: String, client: SignInClient) async throws -> TokenPair {
        let login = login.trimmingCharacters(in: .whitespaces).lowercased()
        let now = clock.now()
        let verdict: Verdict = try await jobs.pool.withTransaction { tx in
            guard let credentials = try PasswordStore.credentials(login: login, on: tx) else {
                _ = try await PasswordHash.verify(password, hash: nil)
                return .refused(accountID: nil)
            }
            if let until = credentials.lockedUntil, until > now { return .locked(accountID: credentials.accountID, until: until, now: false) }
            let passwordOK = try await PasswordHash.verify(password, hash: credentials.passwordHash)
            let secret = try credentials.sealedSecret.map { try vault.open($0) }
            let step = secret.flatMap { TotpCode.accept(totp, secret: $0, now: now, after: credentials.lastStep) }
            if passwordOK, let step {
                try PasswordStore.recordSuccess(accountID: credentials.accountID, step: step, login: login, now: now, on: tx)
                return .accepted(accountID: credentials.accountID)
            }
            let until = now.addingTimeInterval(Self.lockDuration)
            if try PasswordStore.recordFailure(accountID: credentials.accountID, limit: Self.failureLimit, lockUntil: until, on: tx) {
                return .locked(accountID: credentials.accountID, until: until, now: true)
            }
            return .refused(accountID: credentials.accountID)
        }
        let subject = String(login.prefix(64))
        switch verdict {
        case .accepted(let accountID):
            return try await sessions.issue(accountID: accountID, method: .password, ip: client.address, userAgent: client.userAgent)
        case .refused(let accountID):
            try await audit(accountID, .signIn, .refused, subject, client, StaffSignInFailure.badCredentials.code, now)
            throw StaffSignInFailure.badCredentials
        case .locked(let accountID, let until, let lockedNow):
            try await audit(accountID, lockedNow ? .accountLocked : .signIn, .limited, subject, client, "account-locked", now)
            throw StaffSignInFailure.locked(until: until)
        }
    }

    /// Sets a staff account's login, password and a new TOTP secret (operators only).
    /// - Returns: the login and the `otpauth://` URI for the authenticator app, shown this once.
    func setCredentials(accountID: Int, _ new: NewStaffCredentials, by caller: Caller) async throws -> IssuedStaffCredentials {
        guard caller.principal.role == .admin else { throw Refusal.forbidden("only an operator sets staff credentials") }
        let login = new.login.trimmingCharacters(in: .whitespaces).lowercased()
        var checks = FieldChecks()
        if !(3...64).contains(login.count) || !login.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) {
            checks.fail("login", StaffSignInStrings.loginRule)
        }
        if PasswordHash.problem(with: new.password) != nil { checks.fail("password", StaffSignInStrings.passwordRule) }
        try checks.check()
        let hash = try await PasswordHash.make(new.password)
        let secret = TotpCode.newSecret()
        let sealed = try vault.seal(secret)
        let now = clock.now()
        try await jobs.pool.withTransaction { tx in
            guard let account = try AccountStore.account(accountID, lock: true, on: tx) else { throw Refusal.notFound("account") }
            guard account.kind == .staff else { throw Refusal.conflict("only a staff account signs in with a password", code: "not-staff") }
            guard try PasswordStore.set(accountID: accountID, login: login, passwordHash: hash, sealedSecret: sealed, now: now, on: tx) else {
                throw Refusal.conflict("another account has this login", code: "login-taken")
            }
            let entry = SignInAudit.Entry(
                accountID: accountID,
                action: .credentialsSet,
                outcome: .success,
                method: .password,
                subject: login,
                detail: "by \(caller.principal.subject)"
            )
            try SignInAudit.record(entry, at: now, on: tx)
        }
        return IssuedStaffCredentials(login: login, otpauthURI: TotpCode.uri(secret: secret, label: login))
    }

    private func audit(
        _ accountID: Int?,
        _ action: SignInAudit.Action,
        _ outcome: SignInAudit.Outcome,
        _ subject: String,
        _ client: SignInClient,
        _ detail: String,
        _ now: Date
    ) async throws {
        let entry = SignInAudit.Entry(
            accountID: accountID,
            action: action,
            outcome: outcome,
            method: .password,
            subject: subject,
            ip: client.address,
            userAgent: client.userAgent,
            detail: detail
        )
        try await SignInAudit.record(entry, at: now, pool: jobs.pool)
    }
}

/// The body of `POST /v1/accounts/{id}/credentials`.
struct NewStaffCredentials: Codable, Sendable {
    var login: String
    var password: String
}

/// Its answer: the login, and the TOTP enrolment URI (never shown again; the secret is kept sealed).
struct IssuedStaffCredentials: Codable, Sendable {
    var login: String
    var otpauthURI: String
}

extension SignInAudit.Action {
    /// An account locked after five failed password sign-ins.
    static let accountLocked = SignInAudit.Action(rawValue: "account-locked")
    /// An operator set a staff member's password and TOTP.
    static let credentialsSet = SignInAudit.Action(rawValue: "credentials-set")
}
