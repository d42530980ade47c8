import Foundation
import Synchronization

/// The tokens a ``TokenVerifier`` has verified lately, so a token presented again (a browser or a
/// client sends the same one with every request for its whole life) costs a lookup, not an Ed25519
/// signature check.
///
/// Only the signature check and the claim decoding are skipped on a hit: the verifier still checks
/// the key (known, not retired) and `exp`/`nbf`/`iat` against its clock every time, so a cached token
/// expires and a retired key's tokens fail exactly as without the cache. An entry is the exact token
/// text, so a token changed in any byte is a miss and is verified in full. The cache is bounded:
/// when full it drops the expired entries, and if that is not enough, all of them.
final class VerifiedTokens: Sendable {
    /// What a verified token said.
    struct Entry: Sendable {
        let kid: String
        let principal: Principal
        let issuedAt: Date
        let notBefore: Date?
        let expiresAt: Date
    }

    /// The most tokens kept (about 1 KiB each with its principal).
    let capacity: Int
    private let entries = Mutex<[String: Entry]>([:])

    init(capacity: Int = 10_000) { self.capacity = capacity }

    /// The entry for a token verified before, if any.
    func entry(for token: String) -> Entry? { entries.withLock { $0[token] } }

    /// Remembers a token that passed every check.
    func remember(_ token: String, _ entry: Entry, now: Date) {
        guard capacity > 0 else { return }
        entries.withLock { entries in
            if entries.count >= capacity {
                entries = entries.filter { $0.value.expiresAt.addingTimeInterval(TokenVerifier.leeway) > now }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[token] = entry
        }
    }

    /// How many tokens are held (for tests).
    var count: Int { entries.withLock { $0.count } }
}
