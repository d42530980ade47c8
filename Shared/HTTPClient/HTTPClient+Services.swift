import AsyncHTTPClient
import NIOCore

extension ServiceClient {
    /// Runs `body` with a new `HTTPClient` for talking to Linli services, and shuts the client down
    /// (asynchronously) when `body` returns or throws. Make one per process and share it.
    /// - Parameters:
    ///   - connectTimeout: how long making a connection may take, retries of refused connections included.
    ///   - maximumConnections: connections kept open to each service (requests beyond them wait their turn).
    public static func withHTTPClient<Result>(
        connectTimeout: Duration = .seconds(5),
        maximumConnections: Int = 32,
        _ body: (HTTPClient) async throws -> Result
    ) async throws -> Result {
        try await HTTPClient.withHTTPClient(configuration: httpConfiguration(connectTimeout: connectTimeout, maximumConnections: maximumConnections))
        {
            try await body($0)
        }
    }

    /// The `HTTPClient` settings for Linli services: no redirects, no decompression, a connect timeout,
    /// and enough connections that a seed's concurrent compounds do not queue behind each other.
    public static func httpConfiguration(connectTimeout: Duration = .seconds(5), maximumConnections: Int = 32) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .milliseconds(connectTimeout.milliseconds)),
            decompression: .disabled
        )
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = maximumConnections
        return configuration
    }
}

extension Duration {
    /// The duration in whole milliseconds.
    var milliseconds: Int64 { components.seconds * 1_000 + components.attoseconds / 1_000_000_000_000_000 }
}
