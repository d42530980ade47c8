import Foundation

/// One numbered schema change, read from a file named like `0001_create_jobs.sql`.
public struct Migration: Sendable, Equatable {
    /// The number that orders migrations within a schema.
    public let version: Int
    /// The descriptive part of the file name.
    public let name: String
    /// The SQL script (one or more statements).
    public let sql: String

    /// Creates a migration.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// A fingerprint of the script (FNV-1a, 64 bits), recorded so a changed migration is noticed.
    public var checksum: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sql.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

/// The migrations of one schema, owned by the component that owns the schema.
public struct MigrationSet: Sendable {
    /// The schema the migrations create and change; its `schema_migrations` table records them.
    public let schema: String
    /// The migrations in version order.
    public let migrations: [Migration]

    /// Creates a set, sorting by version.
    public init(schema: String, migrations: [Migration]) {
        self.schema = schema
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Loads every `NNNN_name.sql` file of a folder (a target's resources).
    /// - Throws: ``PostgresError`` `migrationFailed` for a badly named file or a repeated version.
    public static func load(schema: String, directory: URL) throws -> MigrationSet {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }
        var migrations: [Migration] = []
        for file in files {
            let stem = file.deletingPathExtension().lastPathComponent
            let parts = stem.split(separator: "_", maxSplits: 1)
            guard parts.count == 2, let version = Int(parts[0]) else {
                throw PostgresError(code: .migrationFailed, reason: "migration file \(file.lastPathComponent) is not named NNNN_name.sql")
            }
            guard !migrations.contains(where: { $0.version == version }) else {
                throw PostgresError(code: .migrationFailed, reason: "two migrations of \(schema) have version \(version)")
            }
            migrations.append(Migration(version: version, name: String(parts[1]), sql: try String(contentsOf: file, encoding: .utf8)))
        }
        return MigrationSet(schema: schema, migrations: migrations)
    }
}
