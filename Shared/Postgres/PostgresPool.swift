import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// A bounded pool of ``PostgresConnection``s.
///
/// `withConnection` lends a connection: idle ones are health-checked (without a round trip) when
/// borrowed, broken ones are replaced, and callers wait up to ``Configuration/acquireTimeout`` when
/// all are busy. Run the pool as a `Service` so it closes its connections on shutdown.
public final class PostgresPool: Sendable {
    /// Pool settings.
    public struct Configuration: Sendable {
        /// How each connection is made.
        public var connection: PostgresConfiguration
        /// The most connections open at once.
        public var maxConnections: Int
        /// How long a caller waits for a free connection before ``PostgresError/Code/poolTimeout``.
        public var acquireTimeout: Duration
        /// Idle connections beyond `minIdleConnections` are closed after this long unused.
        public var idleTimeout: Duration
        /// Idle connections kept open however long they are unused.
        public var minIdleConnections: Int
        /// The `pool` label on this pool's metrics.
        public var name: String

        /// Creates pool settings.
        public init(
            connection: PostgresConfiguration,
            maxConnections: Int = 10,
            acquireTimeout: Duration = .seconds(10),
            idleTimeout: Duration = .seconds(300),
            minIdleConnections: Int = 1,
            name: String = "default"
        ) {
            self.connection = connection
            self.maxConnections = max(1, maxConnections)
            self.acquireTimeout = acquireTimeout
            self.idleTimeout = idleTimeout
            self.minIdleConnections = minIdleConnections
            self.name = name
        }
    }

    /// Counts at one moment, as the metrics report them.
    public struct Statistics: Sendable, Equatable {
        public var inUse: Int
        public var idle: Int
        public var opening: Int
        public var waiting: Int
    }

    public let configuration: Configuration
    let logger: Logger
    let state: Mutex<PoolState>
    let metrics: PoolMetrics

    /// Creates a pool; connections open on first use.
    public init(configuration: Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.state = Mutex(PoolState())
        self.metrics = PoolMetrics(name: configuration.name)
    }

    /// The pool's current counts.
    public var statistics: Statistics {
        state.withLock { $0.statistics }
    }

    /// Lends a connection to `body`, isolated, so its statements run on the connection's thread without hops.
    ///
    /// - Important: `body` must not keep the connection after it returns.
    @discardableResult
    public func withConnection<T: Sendable>(
        _ body: @Sendable (isolated PostgresConnection) async throws -> T
    ) async throws -> T {
        while true {
            let started = ContinuousClock.now
            let connection = try await acquire()
            metrics.acquireTime.recordNanoseconds((ContinuousClock.now - started).nanoseconds)
            let outcome = await connection.lend(body)
            switch outcome {
            case .unhealthy:
                discard(connection)
                continue
            case .finished(let result, let broken):
                if broken { discard(connection) } else { release(connection) }
                return try result.get()
            }
        }
    }

    /// Runs one statement on a pooled connection.
    public func query(_ sql: SQL, prepared: Bool = false) async throws -> PostgresResult {
        try await withConnection { try $0.query(sql, prepared: prepared) }
    }

    /// Runs one statement on a pooled connection and returns the rows it affected.
    @discardableResult
    public func execute(_ sql: SQL, prepared: Bool = false) async throws -> Int {
        try await withConnection { try $0.execute(sql, prepared: prepared) }
    }

    /// Runs `body` in a transaction on a pooled connection (see ``PostgresConnection/withTransaction(isolation:readOnly:_:)``).
    @discardableResult
    public func withTransaction<T: Sendable>(
        isolation: PostgresIsolationLevel? = nil,
        readOnly: Bool = false,
        _ body: @Sendable (isolated PostgresConnection) async throws -> T
    ) async throws -> T {
        try await withConnection { connection in
            try await connection.withTransaction(isolation: isolation, readOnly: readOnly, body)
        }
    }

    /// Runs a transaction, retrying it from the start after a serialization failure or a deadlock.
    /// - Parameters:
    ///   - isolation: the isolation level; `nil` keeps the server's default.
    ///   - maxAttempts: attempts before the last error is thrown.
    @discardableResult
    public func withRetryingTransaction<T: Sendable>(
        isolation: PostgresIsolationLevel? = .serializable,
        maxAttempts: Int = 5,
        _ body: @Sendable (isolated PostgresConnection) async throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await withTransaction(isolation: isolation, body)
            } catch let error as PostgresError where error.isTransient && attempt < maxAttempts {
                let backoff = Double(attempt) * 0.005 * Double.random(in: 0.5...1.5)
                logger.debug("retrying transaction", metadata: ["attempt": "\(attempt)", "error": "\(error)"])
                try await Task.sleep(for: .seconds(backoff))
                attempt += 1
            }
        }
    }
}

/// What happened to a connection lent to a caller.
enum LendOutcome<T: Sendable>: Sendable {
    /// The borrowed connection failed its health check; `body` did not run.
    case unhealthy
    /// `body` ran; `broken` says whether the connection must be replaced.
    case finished(Result<T, any Error>, broken: Bool)
}

extension PostgresConnection {
    /// Health-checks, runs `body` and reports the connection's state, all in one hop to its thread.
    func lend<T: Sendable>(_ body: @Sendable (isolated PostgresConnection) async throws -> T) async -> LendOutcome<T> {
        guard checkHealth() else { return .unhealthy }
        do {
            let value = try await body(self)
            return .finished(.success(value), broken: isBroken)
        } catch {
            // A statement cancelled or failed inside an open transaction leaves the session unusable.
            if !isBroken, let handle, PQtransactionStatusIsOpen(handle) { markBroken() }
            return .finished(.failure(error), broken: isBroken)
        }
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
