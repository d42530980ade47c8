import CLibPQ
import Foundation
import Logging
import Synchronization

/// One PostgreSQL session, isolated to a thread of its own.
///
/// The connection is an actor whose executor is a dedicated ``ConnectionThread``: the
/// non-`Sendable` `PGconn` is actor state, and every blocking libpq call runs on that thread.
/// Callers outside await it (`try await connection.query(…)`); code handed the connection as an
/// `isolated` parameter (``PostgresPool/withConnection(_:)``, ``withTransaction(isolation:readOnly:_:)``)
/// calls it synchronously, with no hop between statements.
public actor PostgresConnection {
    /// A number identifying this connection in logs and metrics.
    public nonisolated let id: Int
    nonisolated let thread: ConnectionThread
    let configuration: PostgresConfiguration
    let logger: Logger
    var handle: OpaquePointer?
    /// Prepared statements by statement text and parameter types, oldest first for eviction.
    var preparedStatements: [PreparedKey: String] = [:]
    var preparedOrder: [PreparedKey] = []
    var nextPreparedNumber = 0
    /// Set once a call found the session unusable; the pool then replaces the connection.
    public private(set) var isBroken = false
    /// Receives the server's notices and warnings for the log (libpq would print them to stderr).
    let noticeLog: NoticeLog
    /// The server process id of this session (`pg_backend_pid()`).
    public private(set) var backendPID: Int32 = 0

    public nonisolated var unownedExecutor: UnownedSerialExecutor { thread.asUnownedSerialExecutor() }

    private static let ids = Atomic<Int>(0)

    private init(configuration: PostgresConfiguration, logger: Logger) {
        let id = Self.ids.add(1, ordering: .relaxed).newValue
        self.id = id
        self.thread = ConnectionThread(name: "linli-pg-\(id)")
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "pg.connection"] = "\(id)"
        self.logger = logger
        self.noticeLog = NoticeLog(logger: logger)
    }

    /// Opens a session on a new thread.
    /// - Throws: ``PostgresError`` with code `connectionFailed`; its message never holds the password.
    public static func connect(_ configuration: PostgresConfiguration, logger: Logger) async throws -> PostgresConnection {
        let connection = PostgresConnection(configuration: configuration, logger: logger)
        do {
            try await connection.open()
        } catch {
            await connection.close()
            throw error
        }
        return connection
    }

    private func open() throws {
        handle = configuration.connectBlocking()
        guard let handle, PQstatus(handle) == CONNECTION_OK else {
            let message = handle.map { String(cString: PQerrorMessage($0)) }
            throw PostgresError(
                code: .connectionFailed,
                serverMessage: message?.trimmingCharacters(in: .whitespacesAndNewlines),
                reason: configuration.redactedDescription
            )
        }
        backendPID = PQbackendPID(handle)
        PQsetNoticeReceiver(handle, noticeReceiver, Unmanaged.passUnretained(noticeLog).toOpaque())
        for (name, value) in configuration.sessionSettings.sorted(by: { $0.key < $1.key }) {
            try execute("SELECT set_config(\(name), \(value), false)")
        }
        logger.debug("connected", metadata: ["pg.backend_pid": "\(backendPID)"])
    }

    /// Ends the session and its thread. Further calls fail with `connectionLost`.
    public func close() {
        if let handle { PQfinish(handle) }
        handle = nil
        isBroken = true
        thread.stop()
    }

    isolated deinit {
        if let handle { PQfinish(handle) }
        thread.stop()
    }

    /// Whether the session is idle and usable, checked without a round trip: an idle session has
    /// nothing to read, so readable bytes mean the server ended it (or sent a notice, which is consumed).
    public func checkHealth() -> Bool {
        guard !isBroken, let handle, PQstatus(handle) == CONNECTION_OK, PQtransactionStatus(handle) == PQTRANS_IDLE
        else { return false }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        // A terminated session first sends its FATAL message, then closes: read until the socket is
        // quiet, so the end of file is seen too.
        var reads = 0
        while poll(&descriptor, 1, 0) > 0 && reads < 8 {
            reads += 1
            if PQconsumeInput(handle) == 0 || PQstatus(handle) != CONNECTION_OK {
                isBroken = true
                return false
            }
            _ = PQisBusy(handle)  // parses what arrived
            while let notification = PQnotifies(handle) { PQfreemem(notification) }
        }
        if noticeLog.sessionEnding.load(ordering: .relaxed) {
            isBroken = true
            return false
        }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// Marks the session unusable after a failure that leaves its state unknown (e.g. a cancelled task mid-transaction).
    func markBroken() { isBroken = true }

    /// The live `PGconn`, or a `connectionLost` error.
    func requireHandle() throws -> OpaquePointer {
        guard let handle, !isBroken || PQstatus(handle) == CONNECTION_OK else {
            throw PostgresError(code: .connectionLost, reason: "the connection is closed")
        }
        return handle
    }

    /// Builds the error for a failed result, and notes whether the session survived it.
    func makeError(from result: OpaquePointer?) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let result, let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: value)
        }
        let sessionLost = handle.map { PQstatus($0) != CONNECTION_OK } ?? true
        if sessionLost { isBroken = true }
        let sqlState = field("C")
        // Field codes are libpq's PG_DIAG_* characters: C sqlstate, M message, D detail, H hint,
        // s schema, t table, c column, n constraint.
        let message = field("M") ?? handle.map { String(cString: PQerrorMessage($0)) }
        return PostgresError(
            code: sqlState == nil && sessionLost ? .connectionLost : .server,
            sqlState: sqlState,
            serverMessage: message?.trimmingCharacters(in: .whitespacesAndNewlines),
            detail: field("D"),
            hint: field("H"),
            schema: field("s"),
            table: field("t"),
            column: field("c"),
            constraint: field("n")
        )
    }
}

/// Carries a logger to libpq's notice callback; kept alive by its connection, which ends the session first.
final class NoticeLog: Sendable {
    let logger: Logger
    /// Set when the server sent a FATAL or PANIC message: it is ending the session, even if the
    /// socket has not yet reported the end of file.
    let sessionEnding = Atomic(false)
    init(logger: Logger) { self.logger = logger }
}

/// Logs a notice, warning or unsolicited error (such as the FATAL sent before a session is terminated).
private func noticeReceiver(_ context: UnsafeMutableRawPointer?, _ result: OpaquePointer?) {
    guard let context, let result else { return }
    let log = Unmanaged<NoticeLog>.fromOpaque(context).takeUnretainedValue()
    let severity = PQresultErrorField(result, Int32(Character("V").asciiValue!)).map { String(cString: $0) } ?? "NOTICE"
    let state = PQresultErrorField(result, Int32(Character("C").asciiValue!)).map { String(cString: $0) } ?? ""
    let level: Logger.Level = ["WARNING", "ERROR", "FATAL", "PANIC"].contains(severity) ? .warning : .debug
    if severity == "FATAL" || severity == "PANIC" { log.sessionEnding.store(true, ordering: .relaxed) }
    log.logger.log(level: level, "server notice", metadata: ["pg.severity": "\(severity)", "pg.sqlstate": "\(state)"])
}
