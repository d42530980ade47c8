import Foundation
import Postgres
import ServiceKit

/// The password + TOTP credentials of staff accounts (`registry.staff_credentials`, the `password`
/// identity, `accounts.locked_until`): SQL only.
enum PasswordStore {
    /// What a sign-in checks, read with the credentials row locked (so two attempts with the same
    /// TOTP code cannot both pass).
    struct Credentials: Sendable {
        let accountID: Int
        let passwordHash: String
        let sealedSecret: Data?
        let lastStep: Int64?
        let failedAttempts: Int
        let lockedUntil: Date?
    }

    /// The credentials of a login name, or `nil` when no account has it.
    static func credentials(login: String, on tx: isolated PostgresConnection) throws -> Credentials? {
        let rows = try tx.query(
            """
            SELECT c.account_id, c.password_hash, c.totp_secret, c.totp_last_step, c.failed_attempts, a.locked_until
            FROM registry.account_identities i
            JOIN registry.staff_credentials c ON c.account_id = i.account_id
            JOIN registry.accounts a ON a.id = i.account_id
            WHERE i.provider = 'password' AND i.subject = \(login)
            \(RowLock.update)
            """
        )
        guard let row = rows.first else { return nil }
        return Credentials(
            accountID: try row.decode(0, as: Int.self),
            passwordHash: try row.decode(1, as: String.self),
            sealedSecret: try row.decode(2, as: Data?.self),
            lastStep: try row.decode(3, as: Int64?.self),
            failedAttempts: try row.decode(4, as: Int.self),
            lockedUntil: try row.decode(5, as: Date?.self)
        )
    }

    /// Counts a failure; at `limit` failures the account is locked until `lockUntil` and the count starts again.
    /// - Returns: whether this failure locked the account.
    static func recordFailure(accountID: Int, limit: Int, lockUntil: Date, on tx: isolated PostgresConnection) throws -> Bool {
        let count =
            try tx.query(
                """
                UPDATE registry.staff_credentials SET failed_attempts = failed_attempts + 1
                WHERE account_id = \(accountID) RETURNING failed_attempts
                """
            ).scalar(Int.self) ?? 0
        guard count >= limit else { return false }
        try tx.execute("UPDATE registry.staff_credentials SET failed_attempts = 0 WHERE account_id = \(accountID)")
        try tx.execute("UPDATE registry.accounts SET locked_until = \(lockUntil) WHERE id = \(accountID)")
        return true
    }

    /// Notes a success: the TOTP step is spent, the failures are forgotten.
    static func recordSuccess(accountID: Int, step: Int64, login: String, now: Date, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            "UPDATE registry.staff_credentials SET totp_last_step = \(step), failed_attempts = 0 WHERE account_id = \(accountID)"
        )
        try tx.execute("UPDATE registry.accounts SET locked_until = NULL WHERE id = \(accountID) AND locked_until IS NOT NULL")
        try tx.execute(
            "UPDATE registry.account_identities SET last_used_at = \(now) WHERE provider = 'password' AND subject = \(login)"
        )
    }

    /// Sets an account's password and TOTP secret (a new secret: no step spent yet, no failures) and
    /// makes `login` its only `password` identity.
    /// - Returns: `false` when another account holds the login (nothing changed then).
    static func set(
        accountID: Int,
        login: String,
        passwordHash: String,
        sealedSecret: Data,
        now: Date,
        on tx: isolated PostgresConnection
    ) throws -> Bool {
        let holder = try tx.query(
            "SELECT account_id FROM registry.account_identities WHERE provider = 'password' AND subject = \(login)"
        ).scalar(Int.self)
        guard holder == nil || holder == accountID else { return false }
        try tx.execute(
            "DELETE FROM registry.account_identities WHERE provider = 'password' AND account_id = \(accountID) AND subject <> \(login)"
        )
        if holder == nil {
            try tx.execute("INSERT INTO registry.account_identities (provider, subject, account_id) VALUES ('password', \(login), \(accountID))")
        }
        try tx.execute(
            """
            INSERT INTO registry.staff_credentials (account_id, password_hash, totp_secret, totp_last_step, failed_attempts, updated_at)
            VALUES (\(accountID), \(passwordHash), \(sealedSecret), NULL, 0, \(now))
            ON CONFLICT (account_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, totp_secret = EXCLUDED.totp_secret,
                totp_last_step = NULL, failed_attempts = 0, updated_at = EXCLUDED.updated_at
            """
        )
        try tx.execute("UPDATE registry.accounts SET locked_until = NULL WHERE id = \(accountID)")
        return true
    }
}
