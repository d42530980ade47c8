import Foundation
import Logging
import Postgres
import Processes

/// A throwaway PostgreSQL cluster started by the tests themselves.
///
/// `initdb` into a temporary folder, `pg_ctl start` on a free loopback port, stopped and deleted when
/// the test process ends (a detached watchdog also stops it if the process is killed). As root —
/// sessions and CI run as root and PostgreSQL refuses to — the server runs as the `postgres` user.
/// With `LINLI_TEST_DATABASE_URL` set, ``shared()`` uses that server instead (it must allow
/// `CREATE DATABASE`).
public final class TestCluster: Sendable {
    /// The loopback port the server listens on (0 for an external server).
    public let port: Int
    /// The connection string of the maintenance database, as the superuser `linli`.
    public let adminConnectionString: String
    /// The cluster's folder, `nil` for an external server.
    public let directory: String?
    let binDirectory: String

    init(port: Int, adminConnectionString: String, directory: String?, binDirectory: String) {
        self.port = port
        self.adminConnectionString = adminConnectionString
        self.directory = directory
        self.binDirectory = binDirectory
    }

    private static let sharedStartup = Task { () throws -> TestCluster in
        if let url = ProcessInfo.processInfo.environment["LINLI_TEST_DATABASE_URL"], !url.isEmpty {
            return TestCluster(port: 0, adminConnectionString: url, directory: nil, binDirectory: "")
        }
        return try await start(settings: [:])
    }

    /// The cluster shared by every test of this process, started on first use.
    public static func shared() async throws -> TestCluster {
        try await sharedStartup.value
    }

    /// A cluster of one's own, for tests that restart or stop the server. Stop it with ``stop()``.
    /// - Parameter settings: server settings (`-c name=value`) on top of the test defaults.
    public static func makePrivate(settings: [String: String] = [:]) async throws -> TestCluster {
        try await start(settings: settings)
    }

    /// The connection string of a database in this cluster.
    public func connectionString(database: String, user: String = "linli") -> String {
        guard directory != nil else {
            var components = URLComponents(string: adminConnectionString)
            components?.path = "/" + database
            if user != "linli" { components?.user = user }
            return components?.string ?? adminConnectionString
        }
        return "host=127.0.0.1 port=\(port) dbname=\(database) user=\(user)"
    }

    /// Restarts the server (`pg_ctl restart -m fast`): every session is cut, as in a failover.
    public func restart() async throws {
        try await pgCtl(["restart", "-m", "fast", "-w", "-t", "60", "-o", serverOptions()])
    }

    /// Stops the server immediately and deletes its folder.
    public func stop() async {
        guard let directory else { return }
        _ = try? await pgCtl(["stop", "-m", "immediate", "-w"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    func pgCtl(_ arguments: [String]) async throws {
        guard let directory else { throw TestSupportError("an external server cannot be controlled") }
        let (status, output) = try await Self.runServerTool(
            binDirectory + "/pg_ctl",
            ["-D", directory + "/data", "-l", directory + "/server.log"] + arguments
        )
        guard status == 0 else { throw TestSupportError("pg_ctl \(arguments.first ?? "") failed: \(output)") }
    }

    func serverOptions() -> String {
        let settings = (try? String(contentsOfFile: (directory ?? "") + "/settings", encoding: .utf8)) ?? ""
        return "-p \(port) -k \(directory ?? "/tmp") -c listen_addresses=127.0.0.1 " + settings
    }
}
