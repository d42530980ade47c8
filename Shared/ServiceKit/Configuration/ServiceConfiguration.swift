import Foundation
import Logging
import Postgres

/// What every Linli service reads from its environment, validated at start-up.
///
/// Every key, with its default:
///
/// | key | meaning | default |
/// |---|---|---|
/// | `LINLI_DATABASE_URL` | libpq connection string or URI (the service's own role) | required |
/// | `LINLI_DATABASE_POOL_SIZE` | connections in the service's pool | `10` |
/// | `LINLI_HTTP_HOST` | address to listen on | `127.0.0.1` |
/// | `LINLI_HTTP_PORT` | port to listen on | the service's own (8081–8085) |
/// | `LINLI_METRICS_HOST` | address of the `/metrics` listener (never the public port) | `LINLI_HTTP_HOST` |
/// | `LINLI_METRICS_PORT` | port of the `/metrics` listener | `LINLI_HTTP_PORT` + 1000 (`0` with a random public port) |
/// | `LINLI_METRICS_TOKEN` | a bearer token scrapes must send | none (the listener's address protects it) |
/// | `LINLI_TRUSTED_PROXIES` | reverse proxies whose `X-Forwarded-For` is believed, comma-separated addresses | none |
/// | `LINLI_RATE_LIMIT_WRITES_PER_MINUTE` | writes (POST, PUT, PATCH, DELETE) per signed-in or anonymous caller per minute, across replicas | `300` |
/// | `LINLI_RATE_LIMIT_AUTH_FAILURES_PER_MINUTE` | refused credentials per address per minute before a 429 | `30` |
/// | `LINLI_PUBLIC_URL` | the URL users reach the service at (links in feeds and messages) | `http://HOST:PORT` |
/// | `LINLI_AUTH_PUBLIC_KEYS` | extra Ed25519 token keys, `kid:base64url,…` (besides `auth.verification_keys`) | none |
/// | `LINLI_JWT_ISSUER` | the `iss` claim tokens must carry | `linli` |
/// | `LINLI_LOG_LEVEL` | trace, debug, info, notice, warning, error, critical | `info` |
/// | `LINLI_WORKER_CONCURRENCY` | job handlers running at once | `16` |
/// | `LINLI_BODY_LIMIT_BYTES` | largest request body accepted | `1048576` |
/// | `LINLI_SHUTDOWN_TIMEOUT_SECONDS` | how long graceful shutdown waits for requests and jobs | `20` |
public struct ServiceConfiguration: Sendable {
    /// Database settings.
    public struct Database: Sendable {
        public var connectionString: String
        public var poolSize: Int
    }

    /// HTTP server settings.
    public struct HTTP: Sendable {
        public var host: String
        public var port: Int
        public var publicURL: String
        public var bodyLimitBytes: Int
    }

    /// The `/metrics` listener's settings (see ``MetricsEndpoint``).
    public struct Metrics: Sendable {
        public var host: String
        public var port: Int
        /// The bearer token a scrape must send; `nil`: none.
        public var token: String?
    }

    /// Rate limits held in PostgreSQL, so every replica counts the same (see ``RateLimiter``).
    public struct Limits: Sendable {
        /// Addresses of reverse proxies whose `X-Forwarded-For` is believed.
        public var trustedProxies: Set<String>
        /// Writes per caller (principal, or address when anonymous) per minute.
        public var writesPerMinute: Int
        /// Refused credentials per address per minute.
        public var authFailuresPerMinute: Int
    }

    /// Bearer token settings.
    public struct Auth: Sendable {
        /// The `iss` claim tokens must carry.
        public var issuer: String
        /// Public keys by `kid` trusted besides the published ones (32-byte Ed25519 keys).
        public var publicKeys: [String: Data]
    }

    /// The keys every service must be given (the others have defaults).
    public static let requiredKeys = ["LINLI_DATABASE_URL"]

    /// Every key this configuration reads.
    public static let keys = [
        "LINLI_DATABASE_URL", "LINLI_DATABASE_POOL_SIZE", "LINLI_HTTP_HOST", "LINLI_HTTP_PORT", "LINLI_METRICS_HOST", "LINLI_METRICS_PORT",
        "LINLI_METRICS_TOKEN", "LINLI_TRUSTED_PROXIES", "LINLI_RATE_LIMIT_WRITES_PER_MINUTE",
        "LINLI_RATE_LIMIT_AUTH_FAILURES_PER_MINUTE", "LINLI_PUBLIC_URL",
        "LINLI_AUTH_PUBLIC_KEYS", "LINLI_JWT_ISSUER", "LINLI_LOG_LEVEL", "LINLI_WORKER_CONCURRENCY", "LINLI_BODY_LIMIT_BYTES",
        "LINLI_SHUTDOWN_TIMEOUT_SECONDS",
    ]

    public var serviceName: String
    public var database: Database
    public var http: HTTP
    public var metrics: Metrics
    public var limits: Limits
    public var auth: Auth
    public var logLevel: Logger.Level
    public var workerConcurrency: Int
    public var shutdownTimeout: Duration

    /// Reads and validates the configuration.
    /// - Parameters:
    ///   - serviceName: e.g. `registry`; also the service's queue and schema.
    ///   - defaultPort: the port when `LINLI_HTTP_PORT` is not set.
    ///   - environment: the variables (the process environment at the executable's edge; a dictionary in tests).
    /// - Throws: ``ConfigurationError`` naming the first key that is missing or wrong.
    public init(serviceName: String, defaultPort: Int, environment: [String: String]) throws(ConfigurationError) {
        let reader = EnvironmentReader(environment)
        self.serviceName = serviceName
        let connectionString = try reader.required("LINLI_DATABASE_URL")
        guard PostgresConfiguration(connectionString: connectionString).isReadable else {
            // libpq's own message may quote the part it could not read, which can be the password.
            throw ConfigurationError(key: "LINLI_DATABASE_URL", problem: "is not a libpq connection string or URI (its value is not shown)")
        }
        database = Database(
            connectionString: connectionString,
            poolSize: try reader.integer("LINLI_DATABASE_POOL_SIZE", default: 10, in: 1...200)
        )
        let host = reader.string("LINLI_HTTP_HOST", default: "127.0.0.1")
        let port = try reader.integer("LINLI_HTTP_PORT", default: defaultPort, in: 0...65_535)
        http = HTTP(
            host: host,
            port: port,
            publicURL: try reader.url("LINLI_PUBLIC_URL", default: "http://\(host):\(port)"),
            bodyLimitBytes: try reader.integer("LINLI_BODY_LIMIT_BYTES", default: 1_048_576, in: 1_024...104_857_600)
        )
        let metricsPort = try reader.integer("LINLI_METRICS_PORT", default: port == 0 || port > 64_535 ? 0 : port + 1_000, in: 0...65_535)
        guard metricsPort == 0 || metricsPort != port else {
            throw ConfigurationError(
                key: "LINLI_METRICS_PORT",
                problem: "must differ from LINLI_HTTP_PORT: metrics are never served on the public port"
            )
        }
        let metricsToken = reader.string("LINLI_METRICS_TOKEN", default: "")
        metrics = Metrics(
            host: reader.string("LINLI_METRICS_HOST", default: host),
            port: metricsPort,
            token: metricsToken.isEmpty ? nil : metricsToken
        )
        limits = Limits(
            trustedProxies: Set(
                reader.string("LINLI_TRUSTED_PROXIES", default: "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
            ),
            writesPerMinute: try reader.integer("LINLI_RATE_LIMIT_WRITES_PER_MINUTE", default: 300, in: 1...1_000_000),
            authFailuresPerMinute: try reader.integer("LINLI_RATE_LIMIT_AUTH_FAILURES_PER_MINUTE", default: 30, in: 1...1_000_000)
        )
        auth = Auth(
            issuer: reader.string("LINLI_JWT_ISSUER", default: "linli"),
            publicKeys: try Self.publicKeys(reader.string("LINLI_AUTH_PUBLIC_KEYS", default: ""))
        )
        let level = reader.string("LINLI_LOG_LEVEL", default: "info")
        guard let parsed = Logger.Level(rawValue: level) else {
            throw ConfigurationError(key: "LINLI_LOG_LEVEL", problem: "must be one of trace, debug, info, notice, warning, error, critical")
        }
        logLevel = parsed
        workerConcurrency = try reader.integer("LINLI_WORKER_CONCURRENCY", default: 16, in: 1...1_000)
        shutdownTimeout = .seconds(try reader.integer("LINLI_SHUTDOWN_TIMEOUT_SECONDS", default: 20, in: 1...600))
    }

    /// Reads `kid:base64url,…` (each key 32 bytes, each kid once).
    static func publicKeys(_ text: String) throws(ConfigurationError) -> [String: Data] {
        var keys: [String: Data] = [:]
        for entry in text.split(separator: ",") {
            let parts = entry.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let key = Base64URL.decode(parts[1]), key.count == 32 else {
                throw ConfigurationError(key: "LINLI_AUTH_PUBLIC_KEYS", problem: "must be kid:base64url entries, each a 32-byte Ed25519 public key")
            }
            guard keys.updateValue(key, forKey: String(parts[0])) == nil else {
                throw ConfigurationError(key: "LINLI_AUTH_PUBLIC_KEYS", problem: "names the key \(parts[0]) twice")
            }
        }
        return keys
    }

    /// The pool's connection settings, named after the service in `pg_stat_activity`.
    public var postgres: PostgresConfiguration {
        PostgresConfiguration(connectionString: database.connectionString, applicationName: "linli-\(serviceName)")
    }
}

/// A configuration key is missing or wrong; the message names it and never echoes a secret's value.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The environment variable.
    public let key: String
    /// What is wrong with it.
    public let problem: String

    /// Creates the error for a key (services use it for their own `LINLI_<SERVICE>_…` keys).
    public init(key: String, problem: String) {
        self.key = key
        self.problem = problem
    }

    public var description: String { "configuration: \(key) \(problem)" }
}
