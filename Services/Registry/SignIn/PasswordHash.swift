import Foundation
import HummingbirdBcrypt
import NIOPosix

/// Staff passwords, hashed with bcrypt at cost 12, off the request's executor (a hash takes a
/// quarter of a second or so by design; see docs/operations.md, "Password and TOTP", for the figure).
enum PasswordHash {
    /// bcrypt's cost (log2 of the rounds).
    static let cost: UInt8 = 12
    /// The shortest password an operator may set.
    static let minimumLength = 12
    /// bcrypt reads at most 72 bytes; a longer password would be silently cut.
    static let maximumBytes = 72

    /// Hashes a password on NIO's thread pool.
    static func make(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether a password matches its hash, checked on NIO's thread pool. With no hash (an unknown
    /// login) it checks against ``decoy`` so that the answer takes as long either way.
    static func verify(_ password: String, hash: String?) async throws -> Bool {
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash ?? decoy) }
        return hash != nil && matches
    }

    /// The problem with a new password, or `nil` when it may be set.
    static func problem(with password: String) -> String? {
        if password.count < minimumLength { return "must be at least \(minimumLength) characters" }
        if password.utf8.count > maximumBytes { return "must be at most \(maximumBytes) bytes" }
        return nil
    }

    /// A hash of a random password, spent on unknown logins.
    private static let decoy = Bcrypt.hash(OidcPKCE.randomToken(), cost: cost)
}
