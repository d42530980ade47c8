import Foundation
import Models
import Postgres
import ServiceKit

/// The body of `POST /v1/auth/refresh` and `POST /v1/auth/sign-out`.
struct RefreshRequest: Codable, Sendable {
    var refreshToken: String
}

/// Refresh, sign-out and "who am I".
///
/// A refresh rotates: the presented token is marked used and a new one joins its family. A token
/// presented again after it was used means someone holds a copy: the whole family is revoked and
/// the reuse audited (`refresh-reuse`); a revoked one (signed out, or its family ended already) is
/// refused as it is. A disabled account's refresh fails (its families were revoked when
/// it was disabled, and the account is checked again here).
struct SessionDesk {
    let pool: PostgresPool
    let clock: WallClock
    let sessions: SessionIssuer

    /// A new pair for a live refresh token.
    func refresh(_ request: RefreshRequest, from ip: String?, userAgent: String?) async throws -> TokenPair {
        let address = SignInLimits.address(ip)
        let issuer = try await sessions.keys.issuer(name: sessions.issuerName)
        let now = clock.now()
        let result: Result<TokenPair, SessionFailure> = try await pool.withTransaction { tx in
            var entry = SignInAudit.Entry(action: .refresh, outcome: .refused, method: .refresh, ip: address, userAgent: userAgent)
            guard let token = try SessionStore.token(hash: SessionIssuer.hash(request.refreshToken), on: tx) else {
                entry.detail = SessionFailure.refreshRejected.code
                try SignInAudit.record(entry, at: now, on: tx)
                return .failure(.refreshRejected)
            }
            entry.accountID = token.accountID
            if token.usedAt != nil {
                // Used before: someone else holds a copy of it. End the whole sign-in.
                try SessionStore.revokeFamily(token.familyID, now: now, on: tx)
                entry.action = .refreshReuse
                entry.detail = "family-revoked"
                try SignInAudit.record(entry, at: now, on: tx)
                return .failure(.refreshRejected)
            }
            if token.revokedAt != nil {
                // Signed out, reused elsewhere or disabled: its family is revoked already.
                entry.detail = "revoked"
                try SignInAudit.record(entry, at: now, on: tx)
                return .failure(.refreshRejected)
            }
            guard token.expiresAt > now, try SessionStore.markUsed(token.id, now: now, on: tx) else {
                entry.detail = SessionFailure.refreshRejected.code
                try SignInAudit.record(entry, at: now, on: tx)
                return .failure(.refreshRejected)
            }
            do {
                return .success(
                    try await sessions.issue(
                        accountID: token.accountID,
                        family: token.familyID,
                        method: .refresh,
                        ip: address,
                        userAgent: userAgent,
                        issuer: issuer,
                        now: now,
                        audit: .refresh,
                        on: tx
                    )
                )
            } catch let failure as SessionFailure {
                try SessionStore.revokeFamily(token.familyID, now: now, on: tx)
                entry.detail = failure.code
                try SignInAudit.record(entry, at: now, on: tx)
                return .failure(failure == .accountDisabled ? .accountDisabled : .refreshRejected)
            }
        }
        return try result.get()
    }

    /// Revokes the token's family (nothing happens for an unknown token: the answer is the same).
    func signOut(_ request: RefreshRequest, from ip: String?, userAgent: String?) async throws {
        let now = clock.now()
        try await pool.withTransaction { tx in
            guard let token = try SessionStore.token(hash: SessionIssuer.hash(request.refreshToken), on: tx) else { return }
            let revoked = try SessionStore.revokeFamily(token.familyID, now: now, on: tx)
            let entry = SignInAudit.Entry(
                accountID: token.accountID,
                action: .signOut,
                outcome: .success,
                method: .refresh,
                ip: SignInLimits.address(ip),
                userAgent: userAgent,
                detail: revoked > 0 ? "family-revoked" : "already-revoked"
            )
            try SignInAudit.record(entry, at: now, on: tx)
        }
    }

    /// The caller: their role and scope as this request resolved it, and their account (with posts)
    /// when they signed in (an operator's `linli token` has none).
    func me(_ principal: Principal) async throws -> SignedInCaller {
        let account = try await pool.withConnection { tx in try principal.accountID.flatMap { try AccountStore.account($0, on: tx) } }
        return SignedInCaller(
            subject: principal.subject,
            role: principal.role.rawValue,
            areaIDs: principal.areaIDs,
            compoundIDs: principal.compoundIDs,
            householdIDs: principal.householdIDs,
            residentID: principal.residentID,
            account: account
        )
    }
}
