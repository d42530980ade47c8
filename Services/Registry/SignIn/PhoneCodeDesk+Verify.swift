import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

extension PhoneCodeDesk {
    /// Signs a phone in with its code: the token pair, the resident's account made on first use.
    ///
    /// Verifications of one phone are serialised (its advisory lock), and a code is used with
    /// `UPDATE … WHERE consumed_at IS NULL … RETURNING`, so it is accepted once however many race.
    /// A wrong code counts against the phone; the fifth locks it for 15 minutes (429).
    /// - Throws: ``SessionFailure`` (401 wrong or expired code, 429 locked), after committing the audit.
    func verify(_ request: PhoneVerification, from ip: String?, userAgent: String?, correlationID: String?) async throws -> TokenPair {
        let phone = try Self.phone(request.phone)
        guard PhoneCode.isWellFormed(request.code) else { throw Refusal.invalid("code", "must be the 6 digits of the code") }
        let address = SignInLimits.address(ip)
        let issuer = try await sessions.keys.issuer(name: sessions.issuerName)
        let now = clock.now()
        let result: Result<TokenPair, SessionFailure> = try await jobs.withTransaction { tx, outbox in
            try SignInLimits.lockPhone(phone.digits, on: tx)
            var entry = SignInAudit.Entry(
                action: .signIn,
                outcome: .refused,
                method: .phone,
                subject: phone.masked,
                ip: address,
                userAgent: userAgent
            )
            if let wait = try SignInLimits.lockedFor(phone.digits, now: now, on: tx) {
                entry.outcome = .limited
                entry.detail = SessionFailure.phoneLocked(retryAfter: wait).code
                try SignInAudit.record(entry, at: now, on: tx)
                return .failure(.phoneLocked(retryAfter: wait))
            }
            let live = try PhoneCodeStore.liveCodes(phone: phone.digits, now: now, on: tx)
            let match = live.first { PhoneCode.same($0.hash, PhoneCode.hash(codeID: $0.id, code: request.code)) }
            guard let match, try PhoneCodeStore.consume(match.id, phone: phone.digits, now: now, on: tx) else {
                return .failure(try Self.wrongCode(phone, newest: live.first?.id, entry: entry, now: now, on: tx))
            }
            try SignInLimits.clearFailures(phone.digits, on: tx)
            guard
                let accountID = try AccountDesk.phoneAccount(
                    phone.digits,
                    phoneHash: vault.hash(phone.digits),
                    now: now,
                    outbox: outbox,
                    correlationID: correlationID,
                    on: tx
                )
            else {
                entry.detail = SessionFailure.notPlaced.code
                try SignInAudit.record(entry, at: now, on: tx)
                return .failure(.notPlaced)
            }
            do {
                return .success(
                    try await sessions.issue(
                        accountID: accountID,
                        family: UUID(),
                        method: .phone,
                        ip: address,
                        userAgent: userAgent,
                        issuer: issuer,
                        now: now,
                        subject: phone.masked,
                        on: tx
                    )
                )
            } catch let failure as SessionFailure {
                entry.accountID = accountID
                entry.detail = failure.code
                try SignInAudit.record(entry, at: now, on: tx)
                return .failure(failure)
            }
        }
        return try result.get()
    }

    /// Counts a wrong (or expired, or used) code and audits it; the fifth in an hour locks the phone (429).
    private static func wrongCode(
        _ phone: ChinesePhone,
        newest: Int?,
        entry: SignInAudit.Entry,
        now: Date,
        on tx: isolated PostgresConnection
    ) throws -> SessionFailure {
        var entry = entry
        if let newest { try PhoneCodeStore.countFailure(newest, on: tx) }
        entry.action = .codeFailed
        entry.detail = SessionFailure.codeRejected.code
        try SignInAudit.record(entry, at: now, on: tx)
        guard let lock = try SignInLimits.countWrongCode(phone.digits, now: now, on: tx) else { return .codeRejected }
        entry.action = .phoneLocked
        entry.outcome = .limited
        entry.detail = SessionFailure.phoneLocked(retryAfter: lock).code
        try SignInAudit.record(entry, at: now, on: tx)
        return .phoneLocked(retryAfter: lock)
    }
}
