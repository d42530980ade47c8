import Foundation
import Processes

/// Runs `pgbench` as the reference in the same run as a Swift measurement.
struct Pgbench {
    let connectionString: String

    /// The pgbench program: `LINLI_PGBENCH`, else the one on PATH, else the newest server's.
    static func executable() throws -> String {
        if let configured = ProcessInfo.processInfo.environment["LINLI_PGBENCH"] { return configured }
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let candidates =
            path.map { $0 + "/pgbench" } + [
                "/usr/lib/postgresql/17/bin/pgbench", "/usr/lib/postgresql/16/bin/pgbench", "/usr/lib/postgresql/15/bin/pgbench",
            ]
        guard let found = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw BenchError("pgbench not found (Debian: postgresql-client)")
        }
        return found
    }

    /// Transactions per second of a custom script with `clients` connections for `seconds`.
    func run(script: String, clients: Int, seconds: Int, prepared: Bool = true) async throws -> Double {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("linli-pgbench-\(UUID().uuidString).sql")
        try script.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        var arguments = ["-n", "-c", String(clients), "-j", String(clients), "-T", String(seconds), "-f", file.path]
        if prepared { arguments += ["-M", "prepared"] }
        let (status, output) = try await ChildProcess.run(try Self.executable(), arguments + [connectionString])
        guard status == 0,
            let line = output.split(separator: "\n").first(where: { $0.hasPrefix("tps = ") }),
            let tps = Double(line.dropFirst("tps = ".count).prefix { $0 != " " })
        else { throw BenchError("pgbench failed: \(output.suffix(500))") }
        return tps
    }
}

/// A benchmark could not run.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
