import CLibPQ
import Foundation

/// How to reach PostgreSQL, as a libpq connection string, plus client-side settings.
///
/// The connection string is handed to libpq unchanged, so everything a libpq user expects works:
/// `postgresql://` URIs and `key=value` strings, `.pgpass`, `PGSERVICE` and the other `PG*`
/// environment variables, `sslmode`, and multi-host strings with `target_session_attrs=read-write`
/// that follow a failover. The password is never logged: use ``redactedDescription``.
public struct PostgresConfiguration: Sendable {
    /// A libpq connection string or URI; empty means "everything from `PG*` variables and defaults".
    public var connectionString: String
    /// `application_name` used when the connection string does not set one.
    public var applicationName: String
    /// Session settings applied on every new connection with `set_config` (e.g. `synchronous_commit`).
    public var sessionSettings: [String: String]
    /// Seconds libpq waits for a connection, unless the connection string sets `connect_timeout`.
    public var connectTimeoutSeconds: Int

    /// Creates a configuration.
    /// - Parameters:
    ///   - connectionString: a libpq connection string or URI.
    ///   - applicationName: the fallback `application_name`, shown in `pg_stat_activity`.
    ///   - sessionSettings: settings applied to each new session.
    ///   - connectTimeoutSeconds: the fallback `connect_timeout`.
    public init(
        connectionString: String,
        applicationName: String = "linli",
        sessionSettings: [String: String] = [:],
        connectTimeoutSeconds: Int = 10
    ) {
        self.connectionString = connectionString
        self.applicationName = applicationName
        self.sessionSettings = sessionSettings
        self.connectTimeoutSeconds = connectTimeoutSeconds
    }

    /// Keyword/value pairs for `PQconnectdbParams`. Client defaults come before `dbname`, whose
    /// expansion (the user's string) therefore overrides them.
    var libpqParameters: [(String, String)] {
        [
            ("fallback_application_name", applicationName),
            ("connect_timeout", String(connectTimeoutSeconds)),
            ("keepalives", "1"),
            ("keepalives_idle", "30"),
            ("keepalives_interval", "10"),
            ("keepalives_count", "3"),
            ("dbname", connectionString),
        ]
    }

    /// Opens a session with `PQconnectdbParams`, blocking the calling thread (a connection's own thread).
    /// - Returns: the `PGconn`, which may be in a failed state; `nil` only when libpq is out of memory.
    func connectBlocking() -> OpaquePointer? {
        let parameters = libpqParameters
        let keywords = parameters.map { strdup($0.0) }
        let values = parameters.map { strdup($0.1) }
        defer {
            for pointer in keywords + values { free(pointer) }
        }
        return PQconnectdbParams(keywords.map { UnsafePointer($0) } + [nil], values.map { UnsafePointer($0) } + [nil], 1)
    }

    /// Whether libpq can read the connection string, checked without connecting (an unknown host or
    /// a closed port is only found on connecting).
    ///
    /// As libpq does, a string with no `=` that is not a `postgresql://` or `postgres://` URI is a
    /// database name, which is always readable.
    public var isReadable: Bool {
        let isConnectionString =
            connectionString.contains("=") || connectionString.hasPrefix("postgresql://") || connectionString.hasPrefix("postgres://")
        guard isConnectionString else { return true }
        var error: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(connectionString, &error) else {
            if let error { PQfreemem(error) }
            return false
        }
        PQconninfoFree(options)
        return true
    }

    /// The connection string's host, port, database and user, without the password; safe to log.
    public var redactedDescription: String {
        var error: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(connectionString, &error) else {
            if let error { PQfreemem(error) }
            return "(unparseable connection string)"
        }
        defer { PQconninfoFree(options) }
        var parts: [String] = []
        var option = options
        while let keyword = option.pointee.keyword {
            let key = String(cString: keyword)
            if let value = option.pointee.val, ["host", "hostaddr", "port", "dbname", "user", "target_session_attrs"].contains(key) {
                parts.append("\(key)=\(String(cString: value))")
            }
            option += 1
        }
        return parts.isEmpty ? "(defaults from the environment)" : parts.joined(separator: " ")
    }
}
