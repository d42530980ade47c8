import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// Phone sign-in: a code request (``requestCode(_:from:userAgent:correlationID:)``) and its
/// verification (``verify(_:from:userAgent:correlationID:)``, in `PhoneCodeDesk+Verify`).
///
/// The answer never tells whether a phone is registered: every phone passes the same limits and the
/// same statements; an unknown phone gets a code row with the hash of a code nobody was sent (so the
/// limits and the wrong-code lock count it alike), and no `signin.code-issued`.
struct PhoneCodeDesk {
    let jobs: JobQueue
    let clock: WallClock
    let vault: PersonalDataVault
    let sessions: SessionIssuer

    /// Makes and sends a code when the phone is registered; refuses floods with ``SessionFailure/tooManyRequests(retryAfter:)``.
    func requestCode(
        _ request: PhoneCodeRequest,
        from ip: String?,
        userAgent: String?,
        correlationID: String?
    ) async throws
        -> PhoneCodeAccepted
    {
        let phone = try Self.phone(request.phone)
        let address = SignInLimits.address(ip)
        let now = clock.now()
        let refusal: SessionFailure? = try await jobs.withTransaction { tx, outbox in
            try SignInLimits.lockPhone(phone.digits, on: tx)
            var entry = SignInAudit.Entry(
                action: .codeRequested,
                outcome: .limited,
                method: .phone,
                subject: phone.masked,
                ip: address,
                userAgent: userAgent
            )
            if let wait = try SignInLimits.lockedFor(phone.digits, now: now, on: tx) {
                entry.detail = SessionFailure.phoneLocked(retryAfter: wait).code
                try SignInAudit.record(entry, at: now, on: tx)
                return .phoneLocked(retryAfter: wait)
            }
            if let wait = try SignInLimits.codeRequestWait(phone: phone.digits, address: address, now: now, on: tx) {
                entry.detail = SessionFailure.tooManyRequests(retryAfter: wait).code
                try SignInAudit.record(entry, at: now, on: tx)
                return .tooManyRequests(retryAfter: wait)
            }
            let registered = try AccountDesk.phoneIsRegistered(phone.digits, phoneHash: vault.hash(phone.digits), on: tx)
            let id = try PhoneCodeStore.nextID(on: tx)
            let code = PhoneCode.make()
            let expiresAt = now.addingTimeInterval(PhoneCode.lifetime)
            // An unknown phone's row holds the hash of a code no one is sent: it counts for the limits only.
            let stored = registered ? code : PhoneCode.make() + "-unsent"
            try PhoneCodeStore.insert(
                id: id,
                phone: phone.digits,
                hash: PhoneCode.hash(codeID: id, code: stored),
                now: now,
                expiresAt: expiresAt,
                address: address,
                on: tx
            )
            if registered {
                let issued = SignInCodeIssued(codeID: id, phone: phone.digits, code: code, expiresAt: expiresAt)
                try outbox.publish(issued, correlationID: correlationID, on: tx)
            }
            entry.outcome = .success
            entry.detail = registered ? "sent" : "unregistered"
            try SignInAudit.record(entry, at: now, on: tx)
            return nil
        }
        if let refusal { throw refusal }
        return PhoneCodeAccepted()
    }

    /// The phone of a request, or 422 naming `phone`.
    static func phone(_ text: String) throws -> ChinesePhone {
        guard let phone = ChinesePhone(text) else { throw Refusal.invalid("phone", "must be a mainland mobile number of 11 digits") }
        return phone
    }
}
