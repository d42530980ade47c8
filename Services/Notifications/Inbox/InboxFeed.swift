import Foundation
import Logging
import Postgres
import ServiceLifecycle
import Synchronization

/// Hands new inbox messages to the residents' open streams (Server-Sent Events).
///
/// One query per poll for the whole process, whatever the number of streams, and none while no
/// stream is open. Rows may commit out of id order (two fan-outs at once), so each poll looks a
/// little below the highest id seen and every stream drops ids it already sent.
final class InboxFeed: Service, Sendable {
    /// What a stream receives.
    enum Event: Sendable {
        case message(InboxItem)
        /// Sent every heartbeat interval (15 s by default) so proxies keep the connection and a gone client is noticed.
        case heartbeat
    }

    private struct Subscription {
        let resident: Int
        /// Only ids above this are sent (the resident's latest at connect, or `Last-Event-ID`).
        let after: Int
        var sent: Set<Int> = []
        let continuation: AsyncStream<Event>.Continuation
    }

    private struct State {
        var subscriptions: [UUID: Subscription] = [:]
        var highest = 0
    }

    let pool: PostgresPool
    let pollInterval: Duration
    let heartbeat: Duration
    let logger: Logger
    private let state = Mutex(State())
    /// How far below the highest id seen each poll looks again.
    static let lookBack = 10_000

    init(pool: PostgresPool, pollInterval: Duration, heartbeat: Duration, logger: Logger) {
        self.pool = pool
        self.pollInterval = pollInterval
        self.heartbeat = heartbeat
        self.logger = logger
    }

    /// Opens a stream of a resident's new messages after `after`; it ends when the consumer stops reading or the feed stops.
    func subscribe(resident: Int, after: Int) -> AsyncStream<Event> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(1_000))
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscriptions.removeValue(forKey: id) }
        }
        state.withLock { $0.subscriptions[id] = Subscription(resident: resident, after: after, continuation: continuation) }
        return stream
    }

    /// The number of open streams.
    var streamCount: Int { state.withLock { $0.subscriptions.count } }

    func run() async throws {
        var lastHeartbeat = ContinuousClock.now
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await poll()
            } catch {
                logger.warning("inbox feed poll failed", metadata: ["error": "\(error)"])
            }
            if ContinuousClock.now - lastHeartbeat >= heartbeat {
                broadcast(.heartbeat)
                lastHeartbeat = ContinuousClock.now
            }
            let interval = pollInterval
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
        let open = state.withLock { state in
            let all = state.subscriptions.values.map(\.continuation)
            state.subscriptions = [:]
            return all
        }
        for continuation in open { continuation.finish() }
    }

    private func poll() async throws {
        let (residents, floor) = state.withLock { state -> ([Int], Int) in
            let subscriptions = state.subscriptions.values
            let lowest = subscriptions.map(\.after).min() ?? 0
            return (Array(Set(subscriptions.map(\.resident))), max(lowest, state.highest - Self.lookBack))
        }
        guard !residents.isEmpty else { return }
        let rows = try await pool.withConnection { try InboxStore.since(floor, residents: residents, on: $0) }
        guard !rows.isEmpty else { return }
        let byResident = Dictionary(grouping: rows, by: \.recipientID)
        state.withLock { state in
            state.highest = max(state.highest, rows.map(\.id).max() ?? 0)
            for (key, var subscription) in state.subscriptions {
                for item in byResident[subscription.resident] ?? [] where item.id > subscription.after && !subscription.sent.contains(item.id) {
                    subscription.sent.insert(item.id)
                    subscription.continuation.yield(.message(item))
                }
                subscription.sent = subscription.sent.filter { $0 > state.highest - Self.lookBack }
                state.subscriptions[key] = subscription
            }
        }
    }

    private func broadcast(_ event: Event) {
        let all = state.withLock { $0.subscriptions.values.map(\.continuation) }
        for continuation in all { continuation.yield(event) }
    }
}
