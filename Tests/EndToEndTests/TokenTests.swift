import Foundation
import LinliHTTPClient
import LinliTestSupport
import Logging
import Postgres
import ServiceKit
import Testing

extension EndToEnd {
    /// Every service verifies with the public keys the registry published: its own tokens pass,
    /// a token of any other key (even under the registry's kid) is 401 problem+json.
    @Suite("End to end: every service accepts the registry's tokens and refuses forged ones", .serialized)
    struct TokenTests {
        @Test func aForgedTokenIsA401AndARegistrySignedOneIsNotOnEveryService() async throws {
            try await SystemUnderTest.run { system in
                let admin = Principal(subject: "staff:e2e-admin", role: .admin)
                let forgers = [
                    try await TokenIssuer.generate(kid: "forged"),
                    try await TokenIssuer.generate(kid: system.tokens.kid),  // the registry's kid, another key
                ]
                for service in system.services {
                    for forger in forgers {
                        let forged = APIClient(
                            client: ServiceClient(service: service.name, baseURL: service.baseURL, http: system.http)
                                .bearer(try await forger.mint(admin))
                        )
                        let answer = try await forged.call("GET", "/v1/admin/queue")
                        #expect(answer.status == 401, "\(service.name) took a token of key \(forger.kid) not the registry's")
                        #expect(answer.object["status"] as? Int == 401, "\(service.name): \(answer.text)")
                    }
                    let signed = try await system.client(service, as: admin).call("GET", "/v1/admin/queue")
                    #expect(signed.status == 200, "\(service.name) refused the registry's token: \(signed.status) \(signed.text)")
                }
                // Only the registry, which alone signs, may publish a key: every other service's role reads them and no more.
                let forged = try await TokenIssuer.generate(kid: "planted")
                for name in ["calendar", "notifications", "analytics", "concerns"] {
                    let pool = PostgresPool(
                        configuration: .init(
                            connection: PostgresConfiguration(
                                connectionString: system.cluster.connectionString(database: system.database.name, user: "linli_\(name)")
                            ),
                            maxConnections: 1
                        ),
                        logger: Logger(label: "e2e.roles")
                    )
                    let known = try await pool.query("SELECT count(*) FROM auth.verification_keys").scalar(Int.self) ?? 0
                    #expect(known >= 1, "linli_\(name) cannot read the verification keys")
                    await #expect(throws: PostgresError.self, "linli_\(name) could publish a key") {
                        try await pool.execute("INSERT INTO auth.verification_keys (kid, public_key) VALUES (\(forged.kid), \(forged.publicKey))")
                    }
                    await pool.shutdown()
                }
            }
        }

        /// `/metrics` is not on the public port (the one a proxy exposes), but on its own listener.
        @Test func metricsAnswerOnTheirOwnPortAndNotOnThePublicOne() async throws {
            try await SystemUnderTest.run { system in
                for service in system.services {
                    let anonymous = APIClient(client: ServiceClient(service: service.name, baseURL: service.baseURL, http: system.http))
                    let onPublic = try await anonymous.call("GET", "/metrics")
                    #expect(onPublic.status == 404, "\(service.name) served /metrics on its public port")
                    let port = try #require(service.environment["LINLI_METRICS_PORT"])
                    let scraper = APIClient(client: ServiceClient(service: service.name, baseURL: "http://127.0.0.1:\(port)", http: system.http))
                    let scraped = try await scraper.call("GET", "/metrics")
                    #expect(scraped.status == 200, "\(service.name): \(scraped.status)")
                    #expect(scraped.text.contains("linli_pg_pool_connections_in_use"), "\(service.name): \(scraped.text.prefix(200))")
                }
            }
        }
    }
}
