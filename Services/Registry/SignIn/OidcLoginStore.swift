import Foundation
import Postgres

/// Logins under way (`registry.oidc_logins`): SQL only.
enum OidcLoginStore {
    /// What the callback needs of a login.
    struct Pending: Sendable {
        let nonce: String
        let verifier: String
        let next: String
    }

    /// Remembers a new login (and forgets the expired ones).
    static func insert(_ login: OidcPKCE, next: String, now: Date, expiresAt: Date, on tx: isolated PostgresConnection) throws {
        try tx.execute("DELETE FROM registry.oidc_logins WHERE expires_at < \(now)")
        try tx.execute(
            """
            INSERT INTO registry.oidc_logins (state_hash, nonce, code_verifier, next_path, created_at, expires_at)
            VALUES (\(OidcPKCE.stateHash(login.state)), \(login.nonce), \(login.verifier), \(next), \(now), \(expiresAt))
            """
        )
    }

    /// Takes the login of a state, once: the row is deleted whether or not the sign-in then succeeds.
    /// `nil` when the state is unknown, used or expired.
    static func take(state: String, now: Date, on tx: isolated PostgresConnection) throws -> Pending? {
        let rows = try tx.query(
            """
            DELETE FROM registry.oidc_logins WHERE state_hash = \(OidcPKCE.stateHash(state))
            RETURNING nonce, code_verifier, next_path, expires_at
            """
        )
        guard let row = rows.first, try row.decode(3, as: Date.self) > now else { return nil }
        return Pending(
            nonce: try row.decode(0, as: String.self),
            verifier: try row.decode(1, as: String.self),
            next: try row.decode(2, as: String.self)
        )
    }
}
