import Foundation
import Models
import Postgres
import ServiceKit

/// Accounts, their identities and staff posts (`registry.accounts`, `account_identities`,
/// `staff_posts`): SQL only.
enum AccountStore {
    /// The account as it is now, or `nil`.
    static func account(_ id: Int, lock: Bool = false, on tx: isolated PostgresConnection) throws -> AccountView? {
        let clause: RowLock? = lock ? .update : nil
        let rows = try tx.query(
            "SELECT id, kind, status, display_name, resident_id, revision, created_at FROM registry.accounts WHERE id = \(id) \(clause)"
        )
        guard let row = rows.first else { return nil }
        return try view(row, posts: try posts(accountID: id, on: tx))
    }

    /// A page of accounts, by id.
    static func accounts(_ query: AccountQuery, on tx: isolated PostgresConnection) throws -> [AccountView] {
        let rows = try tx.query(
            """
            SELECT id, kind, status, display_name, resident_id, revision, created_at FROM registry.accounts
            WHERE id > \(query.after ?? 0) AND (\(query.kind)::text IS NULL OR kind = \(query.kind))
              AND (\(query.status)::text IS NULL OR status = \(query.status))
            ORDER BY id LIMIT \(query.limit)
            """
        )
        return try rows.map { row in try view(row, posts: try posts(accountID: try row.decode(0, as: Int.self), on: tx)) }
    }

    /// The posts an account holds now (not ended), in the order they were given.
    static func posts(accountID: Int, on tx: isolated PostgresConnection) throws -> [StaffPost] {
        try tx.query(
            "SELECT kind, area_id, compound_id FROM registry.staff_posts WHERE account_id = \(accountID) AND ended_at IS NULL ORDER BY id"
        ).map { row in
            StaffPost(
                kind: try row.decode(0, as: StaffPostKind.self),
                areaID: try row.decode(1, as: Int?.self),
                compoundID: try row.decode(2, as: Int?.self)
            )
        }
    }

    /// A new account; returns its id.
    static func insert(kind: AccountKind, displayName: String, residentID: Int?, on tx: isolated PostgresConnection) throws -> Int {
        try tx.query(
            """
            INSERT INTO registry.accounts (kind, display_name, resident_id) VALUES (\(kind), \(displayName), \(residentID)) RETURNING id
            """
        ).scalar(Int.self) ?? 0
    }

    /// Ends the posts held now and starts these instead (an ended post keeps its row for the record).
    static func replacePosts(accountID: Int, _ posts: [StaffPost], now: Date, on tx: isolated PostgresConnection) throws {
        try tx.execute("UPDATE registry.staff_posts SET ended_at = \(now) WHERE account_id = \(accountID) AND ended_at IS NULL")
        for post in posts {
            try tx.execute(
                """
                INSERT INTO registry.staff_posts (account_id, kind, area_id, compound_id, starts_at)
                VALUES (\(accountID), \(post.kind), \(post.areaID), \(post.compoundID), \(now))
                """
            )
        }
    }

    /// Whether these areas and compounds all exist: (missing area ids, missing compound ids).
    static func missingPlaces(_ posts: [StaffPost], on tx: isolated PostgresConnection) throws -> (areas: [Int], compounds: [Int]) {
        let areas = posts.compactMap(\.areaID)
        let compounds = posts.compactMap(\.compoundID)
        let row = try tx.query(
            """
            SELECT ARRAY(SELECT a FROM unnest(\(areas)::int8[]) AS a WHERE NOT EXISTS (SELECT 1 FROM registry.areas WHERE id = a)),
                   ARRAY(SELECT c FROM unnest(\(compounds)::int8[]) AS c WHERE NOT EXISTS (SELECT 1 FROM registry.compounds WHERE id = c))
            """
        )[0]
        return (try row.decode(0, as: [Int].self), try row.decode(1, as: [Int].self))
    }

    /// Sets the status (clearing a lock) and bumps the revision.
    static func setStatus(_ id: Int, _ status: AccountStatus, on tx: isolated PostgresConnection) throws {
        try tx.execute("UPDATE registry.accounts SET status = \(status), locked_until = NULL, revision = revision + 1 WHERE id = \(id)")
    }

    /// Bumps the revision (after the posts changed).
    static func bumpRevision(_ id: Int, on tx: isolated PostgresConnection) throws {
        try tx.execute("UPDATE registry.accounts SET revision = revision + 1 WHERE id = \(id)")
    }

    /// Adds identities to an account; returns those already held by another account (nothing is added then).
    static func addIdentities(_ identities: [AccountIdentity], accountID: Int, on tx: isolated PostgresConnection) throws -> [AccountIdentity] {
        var taken: [AccountIdentity] = []
        for identity in identities {
            let inserted = try tx.query(
                """
                INSERT INTO registry.account_identities (provider, subject, account_id) VALUES (\(identity.provider), \(identity.subject), \(accountID))
                ON CONFLICT (provider, subject) DO NOTHING RETURNING 1
                """
            )
            if inserted.isEmpty { taken.append(identity) }
        }
        return taken
    }

    /// The account holding an identity, or `nil`.
    static func accountID(provider: IdentityProvider, subject: String, on tx: isolated PostgresConnection) throws -> Int? {
        try tx.query(
            "SELECT account_id FROM registry.account_identities WHERE provider = \(provider) AND subject = \(subject)"
        ).scalar(Int.self)
    }

    /// Notes that an identity was just used to sign in.
    static func touchIdentity(provider: IdentityProvider, subject: String, now: Date, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            "UPDATE registry.account_identities SET last_used_at = \(now) WHERE provider = \(provider) AND subject = \(subject)"
        )
    }

    private static func view(_ row: PostgresRow, posts: [StaffPost]) throws -> AccountView {
        AccountView(
            id: try row.decode(0, as: Int.self),
            kind: try row.decode(1, as: AccountKind.self),
            status: try row.decode(2, as: AccountStatus.self),
            displayName: try row.decode(3, as: String.self),
            residentID: try row.decode(4, as: Int?.self),
            posts: posts,
            revision: try row.decode(5, as: Int.self),
            createdAt: try row.decode(6, as: Date.self)
        )
    }
}

extension IdentityProvider: PostgresEncodable, PostgresDecodable {}
