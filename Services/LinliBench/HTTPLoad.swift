import Foundation
import Processes

/// Drives HTTP load with `hey` (a fixed request rate, for latency at a given load) and reads a
/// process's resident memory, for the service benchmarks.
struct HTTPLoad {
    /// What `hey` measured.
    struct Result: Sendable {
        var requestsPerSecond: Double
        var p50Milliseconds: Double
        var p99Milliseconds: Double
        var okResponses: Int
        var otherResponses: Int
    }

    /// Sends `rate` requests per second for `seconds` from `workers` workers and reads the summary.
    static func hey(url: String, token: String, rate: Int, seconds: Int, workers: Int = 20) async throws -> Result {
        let executable = ["/usr/bin/hey", "/usr/local/bin/hey"].first(where: FileManager.default.isExecutableFile(atPath:))
        guard let executable else { throw BenchError("hey is not installed (Debian: apt-get install hey)") }
        let (status, output) = try await ChildProcess.run(
            executable,
            ["-z", "\(seconds)s", "-c", String(workers), "-q", String(max(1, rate / workers)), "-H", "Authorization: Bearer \(token)", url]
        )
        guard status == 0 else { throw BenchError("hey failed: \(output.suffix(300))") }
        func number(after prefix: String) -> Double? {
            output.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(prefix) }
                .flatMap { line in line.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { Double($0) }.first }
        }
        var ok = 0
        var other = 0
        for line in output.split(separator: "\n") where line.contains("responses") && line.contains("[") {
            let count = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { Int($0) }.first ?? 0
            if line.contains("[200]") { ok += count } else { other += count }
        }
        return Result(
            requestsPerSecond: number(after: "Requests/sec:") ?? 0,
            p50Milliseconds: (number(after: "50% in") ?? 0) * 1000,
            p99Milliseconds: (number(after: "99% in") ?? 0) * 1000,
            okResponses: ok,
            otherResponses: other
        )
    }

    /// The process's resident set size in MiB (`VmRSS`).
    static func residentMemory(of pid: pid_t) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap({ Double($0) }).first
        else { return 0 }
        return kilobytes / 1024
    }

    /// A loopback port nobody listens on now.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw BenchError("cannot open a socket") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw BenchError("cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
