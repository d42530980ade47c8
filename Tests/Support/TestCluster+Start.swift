import Foundation
import Postgres
import Processes

extension TestCluster {
    /// Server settings for tests: durable enough to restart, fast enough to create many databases.
    static let testSettings: [String: String] = [
        "fsync": "off", "full_page_writes": "off", "synchronous_commit": "off", "max_connections": "1000",
        "shared_buffers": "128MB", "log_min_messages": "warning", "max_wal_size": "1GB",
    ]

    static func start(settings extra: [String: String]) async throws -> TestCluster {
        let binDirectory = try findServerBinaries()
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("linli-pg-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if getuid() == 0 {
            let (status, output) = try await ChildProcess.run("/bin/chown", ["-R", "postgres:postgres", directory])
            guard status == 0 else { throw TestSupportError("cannot hand \(directory) to the postgres user: \(output)") }
        }
        let (status, output) = try await runServerTool(
            binDirectory + "/initdb",
            ["-D", directory + "/data", "-U", "linli", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]
        )
        guard status == 0 else { throw TestSupportError("initdb failed: \(output)") }

        let settings = testSettings.merging(extra) { $1 }.sorted { $0.key < $1.key }
            .map { "-c \($0.key)=\($0.value)" }.joined(separator: " ")
        try settings.write(toFile: directory + "/settings", atomically: true, encoding: .utf8)
        var lastError: (any Error)?
        for _ in 0..<5 {
            let port = try freeLoopbackPort()
            let cluster = TestCluster(
                port: port,
                adminConnectionString: "host=127.0.0.1 port=\(port) dbname=postgres user=linli",
                directory: directory,
                binDirectory: binDirectory
            )
            do {
                try await cluster.pgCtl(["start", "-w", "-t", "60", "-o", cluster.serverOptions()])
                try startWatchdog(for: cluster)
                return cluster
            } catch {
                lastError = error  // most likely another process took the port first
            }
        }
        throw lastError ?? TestSupportError("the test server did not start")
    }

    /// Runs a server program, as the `postgres` user when this process is root.
    static func runServerTool(_ program: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        if getuid() == 0 {
            return try await ChildProcess.run("/sbin/runuser", ["-u", "postgres", "--", program] + arguments)
        }
        return try await ChildProcess.run(program, arguments)
    }

    /// `LINLI_PG_BINDIR`, else the newest `/usr/lib/postgresql/N/bin` that has a server.
    static func findServerBinaries() throws -> String {
        if let configured = ProcessInfo.processInfo.environment["LINLI_PG_BINDIR"], !configured.isEmpty { return configured }
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        for version in versions where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/initdb") {
            return "\(root)/\(version)/bin"
        }
        throw TestSupportError("no PostgreSQL server found; install it (scripts/test does) or set LINLI_PG_BINDIR")
    }

    /// A loopback TCP port nobody listens on right now.
    public static func freeLoopbackPort() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw TestSupportError("cannot open a socket") }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(socketFD, generic, length) == 0 && getsockname(socketFD, generic, &length) == 0
            }
        }
        guard bound else { throw TestSupportError("cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A detached shell that stops the server and deletes its folder once this process is gone,
    /// however it ended.
    static func startWatchdog(for cluster: TestCluster) throws {
        guard let directory = cluster.directory else { return }
        let stop =
            getuid() == 0
            ? "/sbin/runuser -u postgres -- \(cluster.binDirectory)/pg_ctl -D \(directory)/data stop -m immediate"
            : "\(cluster.binDirectory)/pg_ctl -D \(directory)/data stop -m immediate"
        let script = "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; \(stop) >/dev/null 2>&1; rm -rf \(directory)"
        _ = try ChildProcess.spawn("/bin/sh", ["-c", script], newSession: true)
    }
}
