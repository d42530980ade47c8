import CLibPQ
import CoreMetrics
import Logging
import ServiceLifecycle
import Synchronization

/// The pool's bookkeeping, guarded by its mutex.
struct PoolState {
    var idle: [(connection: PostgresConnection, since: ContinuousClock.Instant)] = []
    var inUse = 0
    var opening = 0
    var waiters: [(id: Int, continuation: CheckedContinuation<PostgresConnection, any Error>)] = []
    var nextWaiterID = 0
    var isClosed = false

    var total: Int { idle.count + inUse + opening }

    var statistics: PostgresPool.Statistics {
        .init(inUse: inUse, idle: idle.count, opening: opening, waiting: waiters.count)
    }
}

/// Whether a session is inside a transaction block (idle in transaction, or in a failed one).
func PQtransactionStatusIsOpen(_ handle: OpaquePointer) -> Bool {
    let status = PQtransactionStatus(handle)
    return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE
}

extension PostgresPool {
    private enum Decision {
        case use(PostgresConnection)
        case open
        case wait
    }

    func acquire() async throws -> PostgresConnection {
        let decision: Decision = try state.withLock { state in
            if state.isClosed { throw PostgresError(code: .poolClosed, reason: "the pool is shut down") }
            if let last = state.idle.popLast() {
                state.inUse += 1
                return .use(last.connection)
            }
            if state.total < configuration.maxConnections {
                state.opening += 1
                return .open
            }
            return .wait
        }
        metrics.update(statistics)
        switch decision {
        case .use(let connection):
            return connection
        case .open:
            return try await openConnection()
        case .wait:
            return try await waitForConnection()
        }
    }

    /// Opens a connection counted in `opening`; on success it is in use by the caller.
    private func openConnection() async throws -> PostgresConnection {
        do {
            let connection = try await PostgresConnection.connect(configuration.connection, logger: logger)
            state.withLock {
                $0.opening -= 1
                $0.inUse += 1
            }
            metrics.update(statistics)
            return connection
        } catch {
            state.withLock { $0.opening -= 1 }
            metrics.update(statistics)
            throw error
        }
    }

    private func waitForConnection() async throws -> PostgresConnection {
        let id = state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        let timeout = configuration.acquireTimeout
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let registered = state.withLock { state in
                    if state.isClosed { return false }
                    state.waiters.append((id, continuation))
                    return true
                }
                guard registered else {
                    continuation.resume(throwing: PostgresError(code: .poolClosed, reason: "the pool is shut down"))
                    return
                }
                metrics.update(statistics)
                // The timer is cancelled as soon as the waiter is served; it only fails a waiter still queued.
                Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    self?.failWaiter(id, with: PostgresError(code: .poolTimeout, reason: "no connection became free in time"))
                }
            }
        } onCancel: {
            failWaiter(id, with: CancellationError())
        }
    }

    private func failWaiter(_ id: Int, with error: any Error) {
        let continuation = state.withLock { state -> CheckedContinuation<PostgresConnection, any Error>? in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index).continuation
        }
        metrics.update(statistics)
        continuation?.resume(throwing: error)
    }

    /// Returns a healthy connection: to the first waiter, else to the idle list.
    func release(_ connection: PostgresConnection) {
        let waiter = state.withLock { state -> CheckedContinuation<PostgresConnection, any Error>? in
            if !state.waiters.isEmpty { return state.waiters.removeFirst().continuation }
            state.inUse -= 1
            state.idle.append((connection, .now))
            return nil
        }
        metrics.update(statistics)
        waiter?.resume(returning: connection)
    }

    /// Drops a broken connection; a waiter gets a newly opened one in its place.
    func discard(_ connection: PostgresConnection) {
        let waiter = state.withLock { state -> CheckedContinuation<PostgresConnection, any Error>? in
            state.inUse -= 1
            guard !state.waiters.isEmpty, !state.isClosed else { return nil }
            state.opening += 1
            return state.waiters.removeFirst().continuation
        }
        metrics.update(statistics)
        metrics.replaced.increment()
        logger.info("replacing a broken connection", metadata: ["pg.connection": "\(connection.id)"])
        Task { await connection.close() }
        if let waiter {
            Task {
                do {
                    waiter.resume(returning: try await openConnection())
                } catch {
                    waiter.resume(throwing: error)
                }
            }
        }
    }
}
