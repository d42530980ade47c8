import Foundation
import Models
import Postgres
import ServiceKit

/// Turns an account into the ``Principal`` it signs in as, from the registry's own tables (the
/// contract's role mapping): staff by their posts (``StaffPostRole``); a resident as `head` while
/// they hold an open head assignment (the assignments' households plus their own), else `resident`.
///
/// "staff sign-in" and "browser" call this (through ``SessionIssuer``, or directly to check an
/// account before issuing); nothing else maps accounts to roles.
enum AccountPrincipal {
    /// The principal of an active account.
    /// - Throws: ``SessionFailure/accountDisabled`` (disabled, or locked until later),
    ///   ``SessionFailure/noPost`` (a staff account without a post, or with a mix), `Refusal.notFound`.
    static func principal(accountID: Int, now: Date, on tx: isolated PostgresConnection) throws -> Principal {
        let rows = try tx.query("SELECT kind, status, locked_until, resident_id FROM registry.accounts WHERE id = \(accountID)")
        guard let row = rows.first else { throw Refusal.notFound("account") }
        let kind = try row.decode(0, as: AccountKind.self)
        let status = try row.decode(1, as: AccountStatus.self)
        let lockedUntil = try row.decode(2, as: Date?.self)
        guard status != .disabled else { throw SessionFailure.accountDisabled }
        if status == .locked, lockedUntil.map({ $0 > now }) ?? true { throw SessionFailure.accountDisabled }
        if kind == .staff {
            guard let principal = StaffPostRole.principal(accountID: accountID, posts: try AccountStore.posts(accountID: accountID, on: tx))
            else { throw SessionFailure.noPost }
            return principal
        }
        guard let residentID = try row.decode(3, as: Int?.self) else { throw SessionFailure.noPost }
        return try resident(residentID, accountID: accountID, on: tx)
    }

    /// A resident's principal: `head` with the households of their open assignments, else `resident`.
    private static func resident(_ residentID: Int, accountID: Int, on tx: isolated PostgresConnection) throws -> Principal {
        let row = try tx.query(
            """
            SELECT r.household_id,
                   ARRAY(SELECT DISTINCT uh.household_id FROM registry.head_assignments a
                         JOIN registry.unit_households uh ON uh.unit_id = a.unit_id
                         WHERE a.resident_id = r.id AND a.ended_at IS NULL ORDER BY uh.household_id) AS covered,
                   EXISTS (SELECT 1 FROM registry.head_assignments a WHERE a.resident_id = r.id AND a.ended_at IS NULL) AS heads
            FROM registry.residents r WHERE r.id = \(residentID)
            """
        )
        guard let row = row.first, let own = try row.decode(0, as: Int?.self) else { throw SessionFailure.notPlaced }
        let covered = try row.decode(1, as: [Int].self)
        let isHead = try row.decode(2, as: Bool.self)
        return Principal(
            subject: "resident:\(residentID)",
            role: isHead ? .head : .resident,
            householdIDs: isHead ? Array(Set(covered + [own])).sorted() : [own],
            residentID: residentID,
            accountID: accountID
        )
    }
}
