import Foundation
import LinliTestSupport
import Logging
import Postgres
import Testing

@Suite("Migrations apply once, in order, under concurrency")
struct MigratorTests {
    let database: TestDatabase

    init() async throws {
        database = try await TestDatabase.make("migrator")
    }

    static let migrations = MigrationSet(
        schema: "demo",
        migrations: [
            Migration(
                version: 2,
                name: "add_counter",
                sql: "INSERT INTO demo.applied (step) VALUES (2); ALTER TABLE demo.applied ADD COLUMN note text;"
            ),
            Migration(version: 1, name: "create", sql: "CREATE TABLE demo.applied (step int NOT NULL); INSERT INTO demo.applied (step) VALUES (1);"),
            Migration(version: 3, name: "slow", sql: "SELECT pg_sleep(0.2); INSERT INTO demo.applied (step) VALUES (3);"),
        ]
    )

    @Test func fourConcurrentMigratorsApplyEachMigrationExactlyOnce() async throws {
        let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let pool = database.makePool(maxConnections: 1)
                    let versions = try await Migrator(pool: pool, logger: Logger(label: "test")).apply(Self.migrations)
                    await pool.shutdown()
                    return versions
                }
            }
            return try await group.reduce(into: [[Int]]()) { $0.append($1) }
        }
        #expect(applied.filter { !$0.isEmpty } == [[1, 2, 3]])
        let pool = database.makePool()
        #expect(try await pool.query("SELECT array_agg(step ORDER BY step) FROM demo.applied").scalar([Int].self) == [1, 2, 3])
        #expect(try await pool.query("SELECT count(*) FROM demo.schema_migrations").scalar(Int.self) == 3)
        #expect(try await Migrator(pool: pool, logger: Logger(label: "test")).pending(Self.migrations) == [])
        await pool.shutdown()
    }

    @Test func aFailingMigrationLeavesNothingBehind() async throws {
        let pool = database.makePool()
        let broken = MigrationSet(
            schema: "broken",
            migrations: [
                Migration(version: 1, name: "ok", sql: "CREATE TABLE broken.t (id int);"),
                Migration(version: 2, name: "bad", sql: "CREATE TABLE broken.t (id int);"),
            ]
        )
        await #expect(throws: PostgresError.self) { try await Migrator(pool: pool, logger: Logger(label: "test")).apply(broken) }
        #expect(try await pool.query("SELECT to_regclass('broken.t') IS NULL").scalar(Bool.self) == true)
        #expect(try await Migrator(pool: pool, logger: Logger(label: "test")).pending(broken) == [1, 2])
        await pool.shutdown()
    }

    @Test func aChangedAppliedMigrationStopsStartUp() async throws {
        let pool = database.makePool()
        let migrator = Migrator(pool: pool, logger: Logger(label: "test"))
        try await migrator.apply(
            MigrationSet(schema: "edited", migrations: [Migration(version: 1, name: "a", sql: "CREATE TABLE edited.t (id int);")])
        )
        let error = await #expect(throws: PostgresError.self) {
            try await migrator.apply(
                MigrationSet(schema: "edited", migrations: [Migration(version: 1, name: "a", sql: "CREATE TABLE edited.t (id bigint);")])
            )
        }
        #expect(error?.code == .migrationFailed)
        await pool.shutdown()
    }

    @Test func loadsNumberedFilesFromAFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "SELECT 2;".write(to: folder.appendingPathComponent("0002_second.sql"), atomically: true, encoding: .utf8)
        try "SELECT 1;".write(to: folder.appendingPathComponent("0001_first.sql"), atomically: true, encoding: .utf8)
        try "ignored".write(to: folder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let set = try MigrationSet.load(schema: "x", directory: folder)
        #expect(set.migrations.map(\.version) == [1, 2])
        #expect(set.migrations.map(\.name) == ["first", "second"])
        try "SELECT 3;".write(to: folder.appendingPathComponent("third.sql"), atomically: true, encoding: .utf8)
        #expect(throws: PostgresError.self) { try MigrationSet.load(schema: "x", directory: folder) }
    }
}
