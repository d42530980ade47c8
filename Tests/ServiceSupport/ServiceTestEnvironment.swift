import Foundation
import Hummingbird
import HummingbirdTesting
import LinliTestSupport
import Logging
import Postgres
import ServiceKit

/// A service's runtime on a database of its own, with tokens for every role, for route tests.
public struct ServiceTestEnvironment: Sendable {
    public let database: TestDatabase
    public let runtime: LinliRuntime
    /// Signs the test's tokens; its public key is given to the runtime in `LINLI_AUTH_PUBLIC_KEYS`.
    public let tokens: TokenIssuer

    /// The kid of the test issuers' keys.
    public static let kid = "test"

    /// Creates a database, a configuration pointing at it, and the runtime; migrates.
    /// - Parameter clock: the runtime's "now" (pass a ``SettableClock``'s clock to move time in a test).
    public static func make(
        service: String,
        migrations: [MigrationSet],
        openAPI: String,
        extra environment: [String: String] = [:],
        clock: WallClock = .system,
        label: String = #function
    ) async throws -> ServiceTestEnvironment {
        let database = try await TestDatabase.make("\(service)\(label)")
        let tokens = try await TokenIssuer.generate(kid: kid)
        let configuration = try ServiceConfiguration(
            serviceName: service,
            defaultPort: 0,
            environment: [
                "LINLI_DATABASE_URL": database.configuration().connectionString, "LINLI_AUTH_PUBLIC_KEYS": tokens.publicKeyEntry,
                "LINLI_LOG_LEVEL": ProcessInfo.processInfo.environment["LINLI_TEST_LOG"] ?? "error",
                "LINLI_DATABASE_POOL_SIZE": "6",
            ].merging(environment) { $1 }
        )
        let runtime = try await LinliRuntime(
            configuration: configuration,
            migrations: migrations,
            openAPI: openAPI,
            logger: Logger(label: "test.\(service)"),
            clock: clock
        )
        try await runtime.migrate()
        return ServiceTestEnvironment(database: database, runtime: runtime, tokens: tokens)
    }

    /// A bearer header for a principal.
    public func authorization(_ principal: Principal) async throws -> HTTPFields {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(try await tokens.mint(principal))"
        return headers
    }
}

/// A problem+json body, for asserting on errors.
public struct ProblemBody: Decodable, Sendable {
    public struct Field: Decodable, Sendable {
        public let field: String
        public let message: String
    }
    public let type: String
    public let title: String
    public let status: Int
    public let detail: String?
    public let errors: [Field]?
    public let requestID: String?

    /// The names of the fields the problem blames.
    public var fieldNames: [String] { (errors ?? []).map(\.field) }
}

extension TestResponse {
    /// Decodes a JSON body with the shared conventions.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try LinliJSONTestDecoder.decoder.decode(T.self, from: Data(body.readableBytesView))
    }

    /// The body as a problem document (checks the content type).
    public func problem() throws -> ProblemBody {
        guard headers[.contentType] == "application/problem+json" else {
            throw TestSupportError("expected application/problem+json, got \(headers[.contentType] ?? "nothing"): \(String(buffer: body))")
        }
        return try decode(ProblemBody.self)
    }
}

enum LinliJSONTestDecoder {
    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
