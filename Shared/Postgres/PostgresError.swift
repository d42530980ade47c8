/// An error from the PostgreSQL client or server.
///
/// Its `description` is safe to show anywhere: it names the kind of failure, the SQLSTATE and the
/// constraint, never the statement, its parameters or the server's message text (which can quote
/// data). `String(reflecting:)` adds the server's message, detail and hint for logs.
public struct PostgresError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case connectionFailed, connectionLost, server, invalidParameter, poolTimeout, poolClosed
            case unexpectedResult, copyFailed, migrationFailed
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The server could not be reached or refused the connection.
        public static let connectionFailed = Code(.connectionFailed)
        /// The connection broke while in use; whether the statement ran is unknown.
        public static let connectionLost = Code(.connectionLost)
        /// The server reported an error; see ``PostgresError/sqlState``.
        public static let server = Code(.server)
        /// A bound value cannot be sent (for example text containing a NUL byte).
        public static let invalidParameter = Code(.invalidParameter)
        /// No connection became free within the pool's acquire timeout.
        public static let poolTimeout = Code(.poolTimeout)
        /// The pool was shut down.
        public static let poolClosed = Code(.poolClosed)
        /// The server answered in a way the client did not expect for this call.
        public static let unexpectedResult = Code(.unexpectedResult)
        /// A `COPY` could not be completed.
        public static let copyFailed = Code(.copyFailed)
        /// A migration could not be applied or an applied one was changed.
        public static let migrationFailed = Code(.migrationFailed)

        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public let code: Code
    /// The five-character SQLSTATE the server sent, if any (e.g. `23505`).
    public let sqlState: String?
    /// The server's primary message; may quote data, so it is not part of `description`.
    public let serverMessage: String?
    /// The server's detail line; may quote data.
    public let detail: String?
    /// The server's hint.
    public let hint: String?
    /// The schema, table, column and constraint the server named, if any.
    public let schema: String?
    public let table: String?
    public let column: String?
    public let constraint: String?
    /// A short fixed explanation from the client (never containing data).
    public let reason: String?
    /// The start of the statement that failed, as written in our code (its values are `$n` binds, so
    /// it holds no data): for logs, to tell which statement it was. Only in `debugDescription`.
    public internal(set) var statement: String?

    /// Creates an error; clients of the library normally only read errors.
    public init(
        code: Code,
        sqlState: String? = nil,
        serverMessage: String? = nil,
        detail: String? = nil,
        hint: String? = nil,
        schema: String? = nil,
        table: String? = nil,
        column: String? = nil,
        constraint: String? = nil,
        reason: String? = nil
    ) {
        self.code = code
        self.sqlState = sqlState
        self.serverMessage = serverMessage
        self.detail = detail
        self.hint = hint
        self.schema = schema
        self.table = table
        self.column = column
        self.constraint = constraint
        self.reason = reason
    }

    public var description: String {
        var parts = ["PostgresError.\(code)"]
        if let sqlState { parts.append("sqlstate \(sqlState)") }
        if let constraint { parts.append("constraint \(constraint)") }
        if let column { parts.append("column \(column)") }
        if let reason { parts.append(reason) }
        return parts.joined(separator: ", ")
    }

    public var debugDescription: String {
        var text = description
        if let statement { text += "; statement: \(statement)" }
        if let serverMessage { text += "; message: \(serverMessage)" }
        if let detail { text += "; detail: \(detail)" }
        if let hint { text += "; hint: \(hint)" }
        return text
    }

    /// `23505`: a unique constraint rejected the row.
    public var isUniqueViolation: Bool { sqlState == "23505" }
    /// `23503`: a foreign key rejected the row.
    public var isForeignKeyViolation: Bool { sqlState == "23503" }
    /// `23514`: a check constraint rejected the row.
    public var isCheckViolation: Bool { sqlState == "23514" }
    /// `40001`: a serializable transaction must be retried.
    public var isSerializationFailure: Bool { sqlState == "40001" }
    /// `40P01`: the server broke a deadlock by aborting this transaction.
    public var isDeadlock: Bool { sqlState == "40P01" }
    /// Whether retrying the whole transaction may succeed (serialization failure or deadlock).
    public var isTransient: Bool { isSerializationFailure || isDeadlock }
    /// The connection is gone: lost, refused, or the server is shutting down or terminated the session.
    public var isConnectionLost: Bool {
        if code == .connectionLost || code == .connectionFailed { return true }
        guard let sqlState else { return false }
        return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState)
    }
}
