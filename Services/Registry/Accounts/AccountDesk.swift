import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

/// The registry's accounts: staff accounts and their posts, status changes, and reads.
///
/// Every change bumps the account's revision and publishes `account.changed` through the outbox in
/// the same transaction. Reading and changing accounts is for admins only (a district office seeing
/// the accounts whose posts lie in its areas is left for later: admin-only is the simple, safe rule).
/// A resident's account is made on its first phone sign-in (``residentAccount(phone:vault:outbox:correlationID:on:)``).
struct AccountDesk {
    let jobs: JobQueue
    let clock: WallClock

    /// Creates a staff account with its posts (and optional identities).
    func createStaff(_ new: NewStaffAccount, by caller: Caller) async throws -> AccountView {
        try Self.requireAdmin(caller.principal)
        var checks = FieldChecks()
        let name = checks.text(new.displayName, field: "displayName", max: 100)
        for (index, identity) in (new.identities ?? []).enumerated() where identity.subject.isEmpty || identity.subject.count > 300 {
            checks.fail("identities[\(index)].subject", "must be 1 to 300 characters")
        }
        try checks.check()
        guard let name else { throw Refusal.invalid(checks.problems) }
        try StaffPostRole.check(new.posts)
        let now = clock.now()
        return try await jobs.withTransaction { tx, outbox in
            try Self.requirePlaces(new.posts, on: tx)
            let id = try AccountStore.insert(kind: .staff, displayName: name, residentID: nil, on: tx)
            try AccountStore.replacePosts(accountID: id, new.posts, now: now, on: tx)
            let taken = try AccountStore.addIdentities(new.identities ?? [], accountID: id, on: tx)
            guard taken.isEmpty else {
                throw Refusal.conflict("an identity is already held by another account", code: "identity-taken")
            }
            return try Self.publish(id, outbox: outbox, correlationID: caller.requestID, on: tx)
        }
    }

    /// One account.
    func account(_ id: Int, by principal: Principal) async throws -> AccountView {
        try Self.requireAdmin(principal)
        return try await jobs.pool.withConnection { tx in
            guard let account = try AccountStore.account(id, on: tx) else { throw Refusal.notFound("account") }
            return account
        }
    }

    /// A page of accounts.
    func accounts(_ query: AccountQuery, by principal: Principal) async throws -> Page<AccountView> {
        try Self.requireAdmin(principal)
        let items = try await jobs.pool.withConnection { tx in try AccountStore.accounts(query, on: tx) }
        return Page(items: items, next: items.count == query.limit ? items.last.map { String($0.id) } : nil)
    }

    /// Replaces a staff account's posts (409 `posts-mixed` when they mix roles).
    func setPosts(_ id: Int, _ posts: [StaffPost], by caller: Caller) async throws -> AccountView {
        try Self.requireAdmin(caller.principal)
        try StaffPostRole.check(posts)
        let now = clock.now()
        return try await jobs.withTransaction { tx, outbox in
            guard let account = try AccountStore.account(id, lock: true, on: tx) else { throw Refusal.notFound("account") }
            guard account.kind == .staff else { throw Refusal.conflict("only a staff account holds posts", code: "not-staff") }
            try Self.requirePlaces(posts, on: tx)
            try AccountStore.replacePosts(accountID: id, posts, now: now, on: tx)
            try AccountStore.bumpRevision(id, on: tx)
            return try Self.publish(id, outbox: outbox, correlationID: caller.requestID, on: tx)
        }
    }

    /// Disables or enables an account. A disabled account cannot sign in or refresh; its refresh
    /// families are revoked at once.
    func setStatus(_ id: Int, _ status: AccountStatus, by caller: Caller) async throws -> AccountView {
        try Self.requireAdmin(caller.principal)
        let now = clock.now()
        return try await jobs.withTransaction { tx, outbox in
            guard let account = try AccountStore.account(id, lock: true, on: tx) else { throw Refusal.notFound("account") }
            guard account.status != status else { return account }
            try AccountStore.setStatus(id, status, on: tx)
            if status == .disabled { try SessionStore.revokeAll(accountID: id, now: now, on: tx) }
            return try Self.publish(id, outbox: outbox, correlationID: caller.requestID, on: tx)
        }
    }

    /// Reads the account as written and publishes its `account.changed`.
    static func publish(_ id: Int, outbox: JobOutbox, correlationID: String?, on tx: isolated PostgresConnection) throws -> AccountView {
        guard let account = try AccountStore.account(id, on: tx) else { throw Refusal.notFound("account") }
        try outbox.publish(account.changed, correlationID: correlationID, on: tx)
        return account
    }

    static func requireAdmin(_ principal: Principal) throws {
        guard principal.role == .admin else { throw Refusal.forbidden("only an operator manages accounts") }
    }

    private static func requirePlaces(_ posts: [StaffPost], on tx: isolated PostgresConnection) throws {
        let missing = try AccountStore.missingPlaces(posts, on: tx)
        var checks = FieldChecks()
        for (index, post) in posts.enumerated() {
            if let area = post.areaID, missing.areas.contains(area) { checks.fail("posts[\(index)].areaID", "no such area") }
            if let compound = post.compoundID, missing.compounds.contains(compound) {
                checks.fail("posts[\(index)].compoundID", "no such compound")
            }
        }
        try checks.check()
    }
}
