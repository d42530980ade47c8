import Logging

/// Applies ``MigrationSet``s: each migration exactly once, even when several processes start together.
///
/// All of a schema's pending migrations run in one transaction that first takes a transaction-level
/// advisory lock for the schema: concurrent migrators queue on the lock, and the ones that follow
/// find the work done. Each applied migration is recorded in `<schema>.schema_migrations` with a
/// checksum; a recorded migration whose file has since changed stops start-up.
public struct Migrator: Sendable {
    let pool: PostgresPool
    let logger: Logger

    /// Creates a migrator working through a pool.
    public init(pool: PostgresPool, logger: Logger) {
        self.pool = pool
        self.logger = logger
    }

    /// Applies what is pending and returns the versions it applied.
    @discardableResult
    public func apply(_ set: MigrationSet) async throws -> [Int] {
        let applied = try await pool.withTransaction { tx in
            try tx.execute("SELECT pg_advisory_xact_lock(hashtext('linli.migrations'), hashtext(\(set.schema)))")
            try Self.ensureLedger(schema: set.schema, on: tx)
            let recorded = try Self.recorded(schema: set.schema, on: tx)
            var applied: [Int] = []
            for migration in set.migrations {
                if let checksum = recorded[migration.version] {
                    guard checksum == migration.checksum else {
                        throw PostgresError(
                            code: .migrationFailed,
                            reason: "migration \(set.schema) \(migration.version) changed after it was applied"
                        )
                    }
                    continue
                }
                try tx.executeScript(migration.sql)
                try tx.execute(
                    """
                    INSERT INTO \(identifier: set.schema).schema_migrations (version, name, checksum)
                    VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                    """
                )
                applied.append(migration.version)
            }
            return applied
        }
        if !applied.isEmpty {
            logger.info("applied migrations", metadata: ["schema": "\(set.schema)", "versions": "\(applied)"])
        }
        return applied
    }

    /// The versions of the set not yet recorded in the database (empty when up to date); for readiness checks.
    public func pending(_ set: MigrationSet) async throws -> [Int] {
        let exists =
            try await pool.query(
                "SELECT to_regclass(\(set.schema + ".schema_migrations")) IS NOT NULL"
            ).scalar(Bool.self) ?? false
        guard exists else { return set.migrations.map(\.version) }
        let recorded = try await pool.withConnection { try Self.recorded(schema: set.schema, on: $0) }
        return set.migrations.map(\.version).filter { recorded[$0] == nil }
    }

    private static func ensureLedger(schema: String, on tx: isolated PostgresConnection) throws {
        // Checking first means a role without CREATE rights (a service's own role, when `linli migrate`
        // has already run as the owner) passes through when nothing is pending.
        let exists = try tx.query("SELECT 1 FROM pg_namespace WHERE nspname = \(schema)").rowCount > 0
        if !exists { try tx.execute("CREATE SCHEMA \(identifier: schema)") }
        let ledger = try tx.query("SELECT to_regclass(\(schema + ".schema_migrations")) IS NOT NULL").scalar(Bool.self) ?? false
        guard !ledger else { return }
        try tx.execute(
            """
            CREATE TABLE IF NOT EXISTS \(identifier: schema).schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """
        )
    }

    private static func recorded(schema: String, on tx: isolated PostgresConnection) throws -> [Int: String] {
        let rows = try tx.query("SELECT version, checksum FROM \(identifier: schema).schema_migrations")
        var result: [Int: String] = [:]
        for row in rows { result[try row.decode(0, as: Int.self)] = try row.decode(1, as: String.self) }
        return result
    }
}
