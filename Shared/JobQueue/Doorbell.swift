import Foundation
import Logging
import Postgres
import ServiceLifecycle
import Synchronization

/// Tells workers that jobs are ready, after the transaction that made them has committed.
///
/// Business transactions never `NOTIFY` (at commit a `NOTIFY` takes a lock shared by the whole
/// cluster). Instead, whoever committed jobs rings this doorbell; it sends at most one `NOTIFY` per
/// queue per ``window`` on a dedicated connection, merging the rings in between. The payload is the
/// queue's name, or `queue@<unix ms>` when the earliest job is due later, so workers can sleep until
/// then. A notification is a hint: workers still poll, so one lost costs at most a poll interval.
public final class Doorbell: Service, Sendable {
    /// The channel workers listen on.
    public static let channel = "linli_jobs"

    /// Queue → earliest due time among the rings not sent yet.
    private let pending = Mutex<[String: Date]>([:])
    private let wake = WakeSignal()
    private let connection: PostgresConfiguration
    private let window: Duration
    private let logger: Logger

    /// Creates a doorbell; it sends once running.
    /// - Parameters:
    ///   - connection: the database to notify through (a dedicated session is opened).
    ///   - window: the shortest time between two notifications for one queue.
    public init(connection: PostgresConfiguration, window: Duration = .milliseconds(5), logger: Logger) {
        var connection = connection
        connection.sessionSettings["synchronous_commit"] = "off"  // a notification needs no disk flush
        self.connection = connection
        self.window = window
        self.logger = logger
    }

    /// Rings for jobs that have just committed (non-blocking).
    public func ring(_ jobs: some Sequence<EnqueuedJob>) {
        var earliest: [String: Date] = [:]
        for job in jobs { earliest[job.queue] = min(earliest[job.queue] ?? job.runAt, job.runAt) }
        guard !earliest.isEmpty else { return }
        pending.withLock { pending in
            for (queue, due) in earliest { pending[queue] = min(pending[queue] ?? due, due) }
        }
        wake.fire()
    }

    /// Rings for one queue: work is ready now, or at `dueAt`.
    public func ring(queue: String, dueAt: Date = .distantPast) {
        ring([EnqueuedJob(id: 0, queue: queue, runAt: dueAt)])
    }

    public func run() async throws {
        let session = await cancelWhenGracefulShutdown { await self.sendUntilCancelled() }
        await session?.close()
    }

    /// Sends what has been rung, then waits for more; returns the open session when cancelled.
    private func sendUntilCancelled() async -> PostgresConnection? {
        var session: PostgresConnection?
        while !Task.isCancelled {
            let batch = pending.withLock { pending in
                defer { pending.removeAll(keepingCapacity: true) }
                return pending
            }
            if batch.isEmpty {
                await wake.wait(timeout: .seconds(60))
                continue
            }
            session = await send(batch, over: session)
            try? await Task.sleep(for: window)
        }
        return session
    }

    /// Sends one `NOTIFY` per queue in a single statement; reconnects once if the session broke.
    private func send(_ batch: [String: Date], over session: PostgresConnection?) async -> PostgresConnection? {
        let now = Date()
        let payloads = batch.map { queue, due in
            due <= now ? queue : "\(queue)@\(Int64((due.timeIntervalSince1970 * 1000).rounded(.up)))"
        }
        var live = session
        for _ in 0..<2 {
            do {
                if live == nil { live = try await PostgresConnection.connect(connection, logger: logger) }
                try await live?.execute("SELECT pg_notify(\(Self.channel), p) FROM unnest(\(payloads)) AS p")
                return live
            } catch {
                logger.warning("doorbell could not notify; workers will find the jobs by polling", metadata: ["error": "\(error)"])
                await live?.close()
                live = nil
            }
        }
        return nil
    }
}
