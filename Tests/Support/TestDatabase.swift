import Foundation
import Logging
import Postgres
import Synchronization

/// A database of its own for one test or suite, created empty in a ``TestCluster``.
public struct TestDatabase: Sendable {
    /// The database's name.
    public let name: String
    /// The cluster it lives in.
    public let cluster: TestCluster

    private static let counter = Atomic<Int>(0)

    /// Creates a new, empty database in the shared cluster.
    /// - Parameter label: a hint for the name (the test's function name by default), to find it in logs.
    public static func make(_ label: String = #function, in cluster: TestCluster? = nil) async throws -> TestDatabase {
        let cluster = if let cluster { cluster } else { try await TestCluster.shared() }
        let number = counter.add(1, ordering: .relaxed).newValue
        let slug = label.lowercased().filter { $0.isLetter || $0.isNumber }.prefix(30)
        let name = "t\(getpid())_\(number)_\(slug)"
        let admin = PostgresPool(
            configuration: .init(connection: .init(connectionString: cluster.adminConnectionString), maxConnections: 1),
            logger: Logger(label: "test.admin")
        )
        do {
            try await admin.execute("CREATE DATABASE \(identifier: name)")
            await admin.shutdown()
        } catch {
            await admin.shutdown()
            throw error
        }
        return TestDatabase(name: name, cluster: cluster)
    }

    /// The connection settings of this database.
    public func configuration(user: String = "linli", settings: [String: String] = [:]) -> PostgresConfiguration {
        PostgresConfiguration(
            connectionString: cluster.connectionString(database: name, user: user),
            applicationName: "linli-tests",
            sessionSettings: settings
        )
    }

    /// A pool on this database (call `shutdown()` when done, or let the process end).
    public func makePool(maxConnections: Int = 4, acquireTimeout: Duration = .seconds(10)) -> PostgresPool {
        PostgresPool(
            configuration: .init(connection: configuration(), maxConnections: maxConnections, acquireTimeout: acquireTimeout),
            logger: Logger(label: "test.pool")
        )
    }
}
