import Foundation
import Postgres

/// The shared `limits` schema: `limits.windows`, the rate-limit counters every service writes (each
/// under keys that start with its own name). Every runtime migrates it, as it does the queue's.
public enum LimitsSchema {
    /// The schema's name.
    public static let name = "limits"

    /// Loads the migrations from this library's `LimitsMigrations` folder.
    public static func migrations() throws -> MigrationSet {
        guard let folder = Bundle.module.url(forResource: "LimitsMigrations", withExtension: nil) else {
            throw PostgresError(code: .migrationFailed, reason: "the limits schema's migrations are missing from the bundle")
        }
        return try MigrationSet.load(schema: name, directory: folder)
    }
}
