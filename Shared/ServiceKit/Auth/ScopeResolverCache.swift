import Foundation
import Synchronization

/// The principals resolved lately, per account, so the hot path of a signed-in caller costs a
/// lookup, not a query, for ``ttl`` at most.
///
/// Within one process a change is immediate: the service's consumers of `account.changed`,
/// `head.assigned`, `head.vacated` and `resident.moved` drop the entries they touch. An event's job
/// runs on one replica only, so the others' entries are not dropped: an entry lives ``ttl``, and
/// every replica follows a change within that.
///
/// A consumer drops entries inside its transaction, before the change commits; a request that
/// resolved from the old rows meanwhile could put a stale entry back. So for ``holdOff`` after any
/// invalidation nothing resolved from before that moment is remembered. The cache is bounded: when
/// full it drops the expired entries, and if that is not enough, all of them.
public final class ScopeResolverCache: Sendable {
    struct Entry: Sendable {
        let principal: Principal
        let expires: ContinuousClock.Instant
    }

    struct State: Sendable {
        var entries: [Int: Entry] = [:]
        var lastInvalidation: ContinuousClock.Instant?
    }

    /// How long an entry is used (2 s: the bound for other replicas to follow a change).
    public let ttl: Duration
    /// The most accounts kept.
    public let capacity: Int
    /// How long after an invalidation a resolution begun before it is not remembered.
    let holdOff: Duration = .seconds(1)
    private let state = Mutex(State())
    private let clock = ContinuousClock()

    /// Creates an empty cache.
    public init(ttl: Duration = .seconds(2), capacity: Int = 10_000) {
        self.ttl = ttl
        self.capacity = capacity
    }

    /// The current instant, to pass to ``remember(_:accountID:resolvedFrom:)`` once resolved.
    public var now: ContinuousClock.Instant { clock.now }

    /// The principal resolved for the account, if fresh.
    public func principal(accountID: Int) -> Principal? {
        let now = clock.now
        return state.withLock { state in
            guard let entry = state.entries[accountID] else { return nil }
            guard entry.expires > now else {
                state.entries[accountID] = nil
                return nil
            }
            return entry.principal
        }
    }

    /// Remembers a principal resolved from records read after `start`.
    public func remember(_ principal: Principal, accountID: Int, resolvedFrom start: ContinuousClock.Instant) {
        guard capacity > 0 else { return }
        let now = clock.now
        state.withLock { state in
            if let last = state.lastInvalidation, start < last.advanced(by: holdOff) { return }
            if state.entries.count >= capacity {
                state.entries = state.entries.filter { $0.value.expires > now }
                if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            }
            state.entries[accountID] = Entry(principal: principal, expires: now.advanced(by: ttl))
        }
    }

    /// Drops the account's entry (`account.changed`).
    public func invalidate(accountID: Int) {
        dropEntries { id, _ in id == accountID }
    }

    /// Drops the entries of the resident's account (`head.assigned`, `head.vacated`, `resident.moved`).
    public func invalidate(residentID: Int) {
        dropEntries { _, principal in principal.residentID == residentID }
    }

    /// Drops the entries that name any of the households (a unit's households changing hands).
    public func invalidate(householdIDs: [Int]) {
        let households = Set(householdIDs)
        dropEntries { _, principal in !households.isDisjoint(with: principal.householdIDs) }
    }

    /// Drops every entry.
    public func invalidateAll() { dropEntries { _, _ in true } }

    /// Drops the entries that match (account id, principal) and notes the moment for the hold-off.
    private func dropEntries(where matches: (Int, Principal) -> Bool) {
        let now = clock.now
        state.withLock { state in
            state.lastInvalidation = now
            state.entries = state.entries.filter { !matches($0.key, $0.value.principal) }
        }
    }

    /// How many accounts are held (for tests).
    public var count: Int { state.withLock { $0.entries.count } }
}
