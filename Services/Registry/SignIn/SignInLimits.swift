import Foundation
import Postgres

/// The limits on phone sign-in, held in PostgreSQL so every replica sees them: one code per phone a
/// minute and five an hour, twenty code requests per address an hour (registered phone or not), and
/// five wrong codes lock the phone for 15 minutes. Callers hold the phone's advisory lock
/// (``lockPhone(_:on:)``) so two replicas cannot both pass a check.
enum SignInLimits {
    static let perPhoneMinute = 1
    static let perPhoneHour = 5
    static let perAddressHour = 20
    static let wrongCodesBeforeLock = 5
    static let lockDuration: TimeInterval = 15 * 60

    /// Serialises code requests and verifications of one phone until the transaction ends.
    static func lockPhone(_ phone: String, on tx: isolated PostgresConnection) throws {
        try tx.execute("SELECT pg_advisory_xact_lock(hashtext(\("linli.sign-in.phone:" + phone)))")
    }

    /// An address fit to store as `inet`, or `nil` (in tests and for odd peers).
    static func address(_ text: String?) -> String? {
        guard let text, !text.isEmpty, text.count <= 45, text.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
        return text
    }

    /// Seconds to wait before the phone is unlocked, or `nil`.
    static func lockedFor(_ phone: String, now: Date, on tx: isolated PostgresConnection) throws -> Int? {
        let until = try tx.query("SELECT locked_until FROM registry.phone_locks WHERE phone = \(phone) AND locked_until > \(now)")
            .scalar(Date.self)
        return until.map { seconds(from: now, to: $0) }
    }

    /// Seconds to wait before another code may be asked for this phone from this address, or `nil`.
    static func codeRequestWait(phone: String, address: String?, now: Date, on tx: isolated PostgresConnection) throws -> Int? {
        let row = try tx.query(
            """
            SELECT (SELECT max(created_at) FROM registry.sign_in_codes WHERE phone = \(phone) AND created_at > \(now.addingTimeInterval(-60))),
                   (SELECT created_at FROM registry.sign_in_codes WHERE phone = \(phone) AND created_at > \(now.addingTimeInterval(-3600))
                    ORDER BY created_at DESC OFFSET \(perPhoneHour - 1) LIMIT 1),
                   (SELECT created_at FROM registry.sign_in_codes WHERE requested_from = \(address)::inet
                      AND created_at > \(now.addingTimeInterval(-3600)) ORDER BY created_at DESC OFFSET \(perAddressHour - 1) LIMIT 1)
            """
        )[0]
        let waits = [
            try row.decode(0, as: Date?.self).map { seconds(from: now, to: $0.addingTimeInterval(60)) },
            try row.decode(1, as: Date?.self).map { seconds(from: now, to: $0.addingTimeInterval(3600)) },
            try row.decode(2, as: Date?.self).map { seconds(from: now, to: $0.addingTimeInterval(3600)) },
        ]
        return waits.compactMap(\.self).max()
    }

    /// Counts a wrong code for the phone (in a rolling hour); the fifth locks the phone.
    /// - Returns: the seconds of the lock when this failure set one, else `nil`.
    static func countWrongCode(_ phone: String, now: Date, on tx: isolated PostgresConnection) throws -> Int? {
        let hourAgo = now.addingTimeInterval(-3600)
        let failures =
            try tx.query(
                """
                INSERT INTO registry.phone_locks AS l (phone, locked_until, failures, failures_since)
                VALUES (\(phone), '-infinity', 1, \(now))
                ON CONFLICT (phone) DO UPDATE SET
                    failures = CASE WHEN l.failures_since < \(hourAgo) THEN 1 ELSE l.failures + 1 END,
                    failures_since = CASE WHEN l.failures_since < \(hourAgo) THEN \(now) ELSE l.failures_since END
                RETURNING failures
                """
            ).scalar(Int.self) ?? 0
        guard failures >= wrongCodesBeforeLock else { return nil }
        let until = now.addingTimeInterval(lockDuration)
        try tx.execute(
            "UPDATE registry.phone_locks SET locked_until = \(until), failures = 0, failures_since = \(now) WHERE phone = \(phone)"
        )
        return Int(lockDuration)
    }

    /// Clears the phone's failures after a right code.
    static func clearFailures(_ phone: String, on tx: isolated PostgresConnection) throws {
        try tx.execute("UPDATE registry.phone_locks SET failures = 0 WHERE phone = \(phone)")
    }

    /// Whole seconds to wait, rounded up (less a millisecond: PostgreSQL keeps microseconds, so a
    /// moment read back may lie a fraction of one after the instant written).
    private static func seconds(from now: Date, to moment: Date) -> Int {
        max(1, Int((moment.timeIntervalSince(now) - 0.001).rounded(.up)))
    }
}
