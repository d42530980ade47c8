import Foundation
import Postgres

/// Refresh tokens (`registry.refresh_tokens`): SQL only. Tokens are stored as their SHA-256; a
/// family is one sign-in and every rotation adds to it.
enum SessionStore {
    /// One stored refresh token.
    struct Token: Sendable {
        let id: Int
        let familyID: UUID
        let accountID: Int
        let expiresAt: Date
        let usedAt: Date?
        let revokedAt: Date?
    }

    static func insert(familyID: UUID, accountID: Int, hash: Data, now: Date, expiresAt: Date, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            INSERT INTO registry.refresh_tokens (family_id, account_id, token_hash, issued_at, expires_at)
            VALUES (\(familyID), \(accountID), \(hash), \(now), \(expiresAt))
            """
        )
    }

    /// The token with this hash, locked for the rotation, or `nil`.
    static func token(hash: Data, on tx: isolated PostgresConnection) throws -> Token? {
        try tx.query(
            """
            SELECT id, family_id, account_id, expires_at, used_at, revoked_at FROM registry.refresh_tokens
            WHERE token_hash = \(hash) \(RowLock.update)
            """
        ).first.map { row in
            Token(
                id: try row.decode(0, as: Int.self),
                familyID: try row.decode(1, as: UUID.self),
                accountID: try row.decode(2, as: Int.self),
                expiresAt: try row.decode(3, as: Date.self),
                usedAt: try row.decode(4, as: Date?.self),
                revokedAt: try row.decode(5, as: Date?.self)
            )
        }
    }

    /// Marks a token used, once: `false` when another request used it first.
    static func markUsed(_ id: Int, now: Date, on tx: isolated PostgresConnection) throws -> Bool {
        !(try tx.query(
            "UPDATE registry.refresh_tokens SET used_at = \(now) WHERE id = \(id) AND used_at IS NULL AND revoked_at IS NULL RETURNING id"
        ).isEmpty)
    }

    /// Revokes every token of a family; returns how many were still live.
    @discardableResult
    static func revokeFamily(_ familyID: UUID, now: Date, on tx: isolated PostgresConnection) throws -> Int {
        try tx.query(
            "UPDATE registry.refresh_tokens SET revoked_at = \(now) WHERE family_id = \(familyID) AND revoked_at IS NULL RETURNING id"
        ).count
    }

    /// Revokes every token of an account (it was disabled).
    static func revokeAll(accountID: Int, now: Date, on tx: isolated PostgresConnection) throws {
        try tx.execute("UPDATE registry.refresh_tokens SET revoked_at = \(now) WHERE account_id = \(accountID) AND revoked_at IS NULL")
    }
}
