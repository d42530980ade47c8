import Foundation
import Logging
import Postgres
import ServiceLifecycle
import Synchronization

/// One LISTEN connection per process, fanning the doorbell's notifications out to the workers of each queue.
///
/// After the listener reconnects, every worker is woken: notifications sent while the session was
/// down are lost, so the workers look for work at once instead of waiting for their next poll.
public final class QueueWakeups: Service, Sendable {
    private let listener: PostgresListener
    private let signals = Mutex<[String: [WakeSignal]]>([:])
    private let logger: Logger

    /// Creates the fan-out; it listens once running.
    /// - Parameters:
    ///   - connection: the database (a dedicated session is opened).
    ///   - probeInterval: how often the listener checks itself with a self-addressed notification.
    public init(connection: PostgresConfiguration, probeInterval: Duration = .seconds(10), logger: Logger) {
        var connection = connection
        connection.applicationName = connection.applicationName + "-listener"
        self.listener = PostgresListener(
            configuration: .init(connection: connection, channels: [Doorbell.channel], probeInterval: probeInterval),
            logger: logger
        )
        self.logger = logger
    }

    /// The signal a worker of `queue` waits on.
    func signal(for queue: String) -> WakeSignal {
        let signal = WakeSignal()
        signals.withLock { $0[queue, default: []].append(signal) }
        return signal
    }

    public func run() async throws {
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await self.listener.run() }
            for await event in listener.events {
                switch event {
                case .connected(let reconnected):
                    if reconnected { logger.info("queue listener reconnected; waking every worker to catch up") }
                    for signal in signals.withLock({ $0.values.flatMap { $0 } }) { signal.fire() }
                case .notification(let notification):
                    deliver(notification.payload)
                }
            }
        }
    }

    /// Stops listening (normally graceful shutdown does this).
    public func stop() { listener.stop() }

    /// Routes `queue` or `queue@<unix ms>` to that queue's workers.
    private func deliver(_ payload: String) {
        let parts = payload.split(separator: "@", maxSplits: 1)
        let queue = String(parts.first ?? "")
        let targets = signals.withLock { $0[queue] ?? [] }
        guard !targets.isEmpty else { return }
        if parts.count == 2, let millis = Double(parts[1]) {
            let due = Date(timeIntervalSince1970: millis / 1000)
            for signal in targets { signal.note(dueAt: due) }
        } else {
            for signal in targets { signal.fire() }
        }
    }
}
