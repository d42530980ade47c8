import CLibPQ
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// A notification received on a `LISTEN`ed channel.
public struct PostgresNotification: Sendable, Equatable {
    /// The channel it was sent on.
    public let channel: String
    /// The payload (`NOTIFY channel, 'payload'`), empty if none.
    public let payload: String
    /// The server process id of the sender.
    public let senderPID: Int32
}

/// Holds one dedicated connection that `LISTEN`s, and hands its notifications out as an async sequence.
///
/// The connection lives on a thread of its own that sleeps in `poll(2)` on the libpq socket, so a
/// notification wakes it directly; nothing sleeps on a timer waiting for them. Every
/// ``Configuration/probeInterval`` it sends itself a notification to prove the session still
/// delivers; if the session breaks or the probe does not come back, it reconnects with backoff,
/// listens again and emits ``Event/connected(reconnected:)`` so the consumer can catch up on what
/// it may have missed while disconnected.
public final class PostgresListener: Service, Sendable {
    /// Listener settings.
    public struct Configuration: Sendable {
        /// How to connect.
        public var connection: PostgresConfiguration
        /// The channels to listen on.
        public var channels: [String]
        /// How often the listener checks itself with a self-addressed notification.
        public var probeInterval: Duration
        /// How long a probe may take before the session is presumed dead.
        public var probeTimeout: Duration
        /// The first and the longest wait between reconnection attempts (doubling in between).
        public var reconnectBackoff: ClosedRange<Double>

        /// Creates listener settings.
        public init(
            connection: PostgresConfiguration,
            channels: [String],
            probeInterval: Duration = .seconds(10),
            probeTimeout: Duration = .seconds(5),
            reconnectBackoff: ClosedRange<Double> = 0.05...5
        ) {
            self.connection = connection
            self.channels = channels
            self.probeInterval = probeInterval
            self.probeTimeout = probeTimeout
            self.reconnectBackoff = reconnectBackoff
        }
    }

    /// What the listener reports.
    public enum Event: Sendable, Equatable {
        /// The session is listening; `reconnected` is true after a lost session was replaced.
        case connected(reconnected: Bool)
        /// A notification arrived.
        case notification(PostgresNotification)
    }

    /// The listener's events, for one consumer.
    public let events: AsyncStream<Event>
    let continuation: AsyncStream<Event>.Continuation
    let configuration: Configuration
    let logger: Logger
    let wakePipe: (read: Int32, write: Int32)
    let stopState = Mutex<(stopped: Bool, finished: CheckedContinuation<Void, Never>?, isFinished: Bool)>(
        (false, nil, false)
    )

    /// Creates a listener; it connects when run.
    public init(configuration: Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        (events, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(10_000))
        var fds: [Int32] = [0, 0]
        pipe(&fds)
        _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        wakePipe = (fds[0], fds[1])
    }

    deinit {
        close(wakePipe.read)
        close(wakePipe.write)
    }

    /// Listens until graceful shutdown or cancellation.
    public func run() async throws {
        let thread = Thread { [self] in
            ListenerLoop(listener: self).run()
            continuation.finish()
            let waiter = stopState.withLock { state in
                state.isFinished = true
                return state.finished
            }
            waiter?.resume()
        }
        thread.name = "linli-pg-listen"
        thread.start()
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
                    let done = stopState.withLock { state in
                        state.finished = waiter
                        return state.isFinished
                    }
                    if done { waiter.resume() }
                }
            } onGracefulShutdown: {
                self.stop()
            }
        } onCancel: {
            self.stop()
        }
    }

    /// Asks the thread to end; `run()` then returns.
    public func stop() {
        stopState.withLock { $0.stopped = true }
        var byte: UInt8 = 1
        _ = write(wakePipe.write, &byte, 1)
    }

    var isStopped: Bool { stopState.withLock { $0.stopped } }
}
