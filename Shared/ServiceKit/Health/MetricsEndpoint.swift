import Crypto
import Foundation
import Hummingbird
import Logging
import NIOCore
import Prometheus

/// `/metrics` (Prometheus text) on its own listener, not the public one: `LINLI_METRICS_HOST` and
/// `LINLI_METRICS_PORT` (by default the public port + 1000, on the public host), so the public port
/// — the one a reverse proxy exposes — never answers it. With `LINLI_METRICS_TOKEN` set, a scrape must
/// also send `Authorization: Bearer <token>` (Prometheus' `authorization` setting), compared in
/// constant time; without it, the listener's address is the protection (a pod IP or loopback).
public struct MetricsEndpoint: Sendable {
    let metrics: PrometheusCollectorRegistry
    let settings: ServiceConfiguration.Metrics
    let serviceName: String
    let logger: Logger

    /// The router of the metrics listener (what tests drive).
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        let token = settings.token.map { SHA256.hash(data: Data($0.utf8)) }
        let metrics = metrics
        router.get("/metrics") { request, _ -> Response in
            if let token {
                let sent = request.headers[.authorization].flatMap { header -> SHA256.Digest? in
                    guard header.hasPrefix("Bearer ") else { return nil }
                    return SHA256.hash(data: Data(header.dropFirst("Bearer ".count).utf8))
                }
                // Digests of equal length, compared without an early exit.
                guard let sent, zip(sent, token).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else {
                    var headers = HTTPFields()
                    headers[.wwwAuthenticate] = "Bearer"
                    return Response(status: .unauthorized, headers: headers)
                }
            }
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer())))
        }
        return router
    }

    /// The metrics listener.
    public func makeApplication() -> some ApplicationProtocol {
        Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "linli-\(serviceName)-metrics"),
            logger: logger
        )
    }
}
