import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import ServiceKit

@Suite("/metrics has its own listener, optionally behind a bearer token")
struct MetricsEndpointTests {
    static func configuration(_ extra: [String: String]) throws -> ServiceConfiguration {
        try ServiceConfiguration(
            serviceName: "kit",
            defaultPort: 8081,
            environment: ["LINLI_DATABASE_URL": "postgresql://kit@127.0.0.1:1/none"].merging(extra) { $1 }
        )
    }

    @Test func itListensOnThePublicPortPlusAThousandUnlessConfigured() throws {
        #expect(try Self.configuration([:]).metrics.port == 9081)
        #expect(try Self.configuration(["LINLI_HTTP_PORT": "0"]).metrics.port == 0)
        #expect(try Self.configuration(["LINLI_METRICS_PORT": "9464"]).metrics.port == 9464)
        #expect(try Self.configuration(["LINLI_HTTP_HOST": "0.0.0.0"]).metrics.host == "0.0.0.0")
        #expect(throws: ConfigurationError.self) { try Self.configuration(["LINLI_METRICS_PORT": "8081"]) }
    }

    @Test func itServesThePrometheusText() async throws {
        let environment = try await ServiceTestEnvironment.make(service: "kit", migrations: [], openAPI: "openapi: 3.1.0\n")
        let app = Application(router: environment.runtime.metricsEndpoint.makeRouter())
        try await app.test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                #expect(String(buffer: response.body).contains("linli_pg_pool_connections_in_use"))
            }
        }
    }

    @Test func withATokenAScrapeMustSendIt() async throws {
        let environment = try await ServiceTestEnvironment.make(service: "kit", migrations: [], openAPI: "openapi: 3.1.0\n")
        var settings = environment.runtime.configuration.metrics
        settings.token = "scrape-secret"
        let endpoint = MetricsEndpoint(
            metrics: environment.runtime.metrics,
            settings: settings,
            serviceName: "kit",
            logger: environment.runtime.logger
        )
        try await Application(router: endpoint.makeRouter()).test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer wrong"]) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer scrape-secret"]) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("linli_pg_pool"))
            }
        }
    }
}
