import Foundation
import Postgres

/// Sign-in codes (`registry.sign_in_codes`): SQL only.
enum PhoneCodeStore {
    /// A live code of a phone: its id and stored hash.
    struct LiveCode: Sendable {
        let id: Int
        let hash: Data
    }

    /// The id the next code gets (its hash covers it).
    static func nextID(on tx: isolated PostgresConnection) throws -> Int {
        try tx.query("SELECT nextval(pg_get_serial_sequence('registry.sign_in_codes', 'id'))").scalar(Int.self) ?? 0
    }

    static func insert(
        id: Int,
        phone: String,
        hash: Data,
        now: Date,
        expiresAt: Date,
        address: String?,
        on tx: isolated PostgresConnection
    ) throws {
        try tx.execute(
            """
            INSERT INTO registry.sign_in_codes (id, phone, code_hash, created_at, expires_at, requested_from)
            VALUES (\(id), \(phone), \(hash), \(now), \(expiresAt), \(address)::inet)
            """
        )
    }

    /// The phone's codes not yet used nor expired, the newest first.
    static func liveCodes(phone: String, now: Date, on tx: isolated PostgresConnection) throws -> [LiveCode] {
        try tx.query(
            """
            SELECT id, code_hash FROM registry.sign_in_codes
            WHERE phone = \(phone) AND consumed_at IS NULL AND expires_at > \(now) ORDER BY created_at DESC, id DESC
            """
        ).map { LiveCode(id: try $0.decode(0, as: Int.self), hash: try $0.decode(1, as: Data.self)) }
    }

    /// Uses a code, once: `false` when it was used or expired meanwhile. The phone's other live codes
    /// end with it (a sign-in needs one).
    static func consume(_ id: Int, phone: String, now: Date, on tx: isolated PostgresConnection) throws -> Bool {
        let used = try tx.query(
            "UPDATE registry.sign_in_codes SET consumed_at = \(now) WHERE id = \(id) AND consumed_at IS NULL AND expires_at > \(now) RETURNING id"
        )
        guard !used.isEmpty else { return false }
        try tx.execute("UPDATE registry.sign_in_codes SET consumed_at = \(now) WHERE phone = \(phone) AND consumed_at IS NULL")
        return true
    }

    /// Notes a wrong code against the phone's newest live code.
    static func countFailure(_ id: Int, on tx: isolated PostgresConnection) throws {
        try tx.execute("UPDATE registry.sign_in_codes SET failed_attempts = failed_attempts + 1 WHERE id = \(id)")
    }
}
