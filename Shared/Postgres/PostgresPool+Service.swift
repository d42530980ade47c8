import Logging
import ServiceLifecycle
import Synchronization

extension PostgresPool: Service {
    /// Keeps the pool tidy until shutdown: closes connections idle longer than the idle timeout
    /// (keeping ``Configuration/minIdleConnections``), then closes everything on graceful shutdown.
    public func run() async throws {
        await withGracefulShutdownHandler {
            while !Task.isCancelled && !Task.isShuttingDownGracefully {
                try? await Task.sleep(for: .seconds(5))
                await closeIdleConnections(olderThan: configuration.idleTimeout)
            }
        } onGracefulShutdown: {
            self.closeWaiters()
        }
        await shutdown()
    }

    /// Closes every idle connection and fails waiters; connections in use close when returned.
    public func shutdown() async {
        let idle = state.withLock { state in
            state.isClosed = true
            defer { state.idle.removeAll() }
            return state.idle.map(\.connection)
        }
        closeWaiters()
        for connection in idle { await connection.close() }
        metrics.update(statistics)
    }

    private func closeWaiters() {
        let waiters = state.withLock { state in
            state.isClosed = true
            defer { state.waiters.removeAll() }
            return state.waiters.map(\.continuation)
        }
        for waiter in waiters { waiter.resume(throwing: PostgresError(code: .poolClosed, reason: "the pool is shut down")) }
    }

    private func closeIdleConnections(olderThan age: Duration) async {
        let now = ContinuousClock.now
        let stale = state.withLock { state -> [PostgresConnection] in
            var keep: [(connection: PostgresConnection, since: ContinuousClock.Instant)] = []
            var drop: [PostgresConnection] = []
            // Newest are at the end; keep the most recently used ones.
            for entry in state.idle.reversed() {
                if now - entry.since > age && keep.count >= configuration.minIdleConnections {
                    drop.append(entry.connection)
                } else {
                    keep.insert(entry, at: 0)
                }
            }
            state.idle = keep
            return drop
        }
        for connection in stale { await connection.close() }
        if !stale.isEmpty { metrics.update(statistics) }
    }
}
