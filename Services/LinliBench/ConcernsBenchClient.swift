import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Times HTTP requests to a running service over loopback, one at a time on a kept-alive connection.
struct ConcernsBenchClient: Sendable {
    let base: String

    init(port: Int) {
        base = "http://127.0.0.1:\(port)"
    }

    /// Milliseconds from sending the request to having read the whole answer, which must be 200.
    func time(_ path: String, token: String?) async throws -> Double {
        try await BenchHTTP(service: "concerns", baseURL: base, token: token).time(path)
    }

    /// Waits until `/healthz` answers.
    func waitUntilUp() async throws {
        try await BenchHTTP(service: "concerns", baseURL: base).waitUntilReady(timeout: .seconds(30))
    }

    /// Times `samples` requests after `warmUp` untimed ones; `request` gives each one's path and token.
    func measure(samples: Int, warmUp: Int = 20, _ request: (Int) -> (String, String?)) async throws -> LatencySummary {
        for index in 0..<warmUp {
            let (path, token) = request(samples + index)
            _ = try await time(path, token: token)
        }
        var values: [Double] = []
        for index in 0..<samples {
            let (path, token) = request(index)
            values.append(try await time(path, token: token))
        }
        return LatencySummary(values)
    }
}

/// Percentiles of a set of latencies in milliseconds.
struct LatencySummary {
    let p50: Double
    let p99: Double
    let max: Double

    init(_ values: [Double]) {
        let sorted = values.sorted()
        func percentile(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[Swift.min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        p50 = percentile(0.5)
        p99 = percentile(0.99)
        max = sorted.last ?? 0
    }
}
