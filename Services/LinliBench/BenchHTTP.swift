import AsyncHTTPClient
import LinliHTTPClient

/// GETs timed over loopback, on async-http-client's shared client (connections kept alive, no
/// retries), for the benchmarks that talk to a service through its real HTTP server.
struct BenchHTTP: Sendable {
    let client: ServiceClient

    /// A client of `service` at `baseURL`, sending `token` as a bearer token when there is one.
    init(service: String, baseURL: String, token: String? = nil, deadline: Duration = .seconds(60)) {
        let client = ServiceClient(
            service: service,
            baseURL: baseURL,
            http: HTTPClient.shared,
            configuration: ServiceClient.Configuration(deadline: deadline, retry: .never)
        )
        self.client = token.map(client.bearer) ?? client
    }

    /// Milliseconds from sending `GET path` to having read the whole answer, which must be a 200 with a body.
    func time(_ path: String) async throws -> Double {
        let started = ContinuousClock.now
        let response = try await client.call("GET", path)
        let elapsed = ContinuousClock.now - started
        guard response.status == 200, !response.body.isEmpty else {
            throw BenchError("GET \(path) answered \(response.status): \(String(response.text.prefix(300)))")
        }
        return Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1_000
    }

    /// Waits until `GET path` answers 200.
    func waitUntilReady(_ path: String = "/healthz", timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let response = try? await client.call("GET", path), response.status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchError("\(client.service) did not answer \(path) within \(timeout)")
    }
}
