import Foundation
import Postgres

/// The shared `auth` schema: `auth.verification_keys`, the public keys every service verifies
/// bearer tokens with. Every runtime migrates it (before its own schema), as it does the queue's.
public enum AuthSchema {
    /// The schema's name.
    public static let name = "auth"

    /// Loads the migrations from this library's `Migrations` folder.
    public static func migrations() throws -> MigrationSet {
        guard let folder = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw PostgresError(code: .migrationFailed, reason: "the auth schema's migrations are missing from the bundle")
        }
        return try MigrationSet.load(schema: name, directory: folder)
    }
}
