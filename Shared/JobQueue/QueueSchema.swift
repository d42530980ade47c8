import Foundation
import Postgres

/// The `queue` schema's migrations, shipped as resources of this library.
public enum QueueSchema {
    /// The schema's name.
    public static let name = "queue"

    /// Loads the migrations from the target's `Migrations` folder.
    public static func migrations() throws -> MigrationSet {
        guard let folder = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw PostgresError(code: .migrationFailed, reason: "the queue's migrations are missing from the bundle")
        }
        return try MigrationSet.load(schema: name, directory: folder)
    }
}
