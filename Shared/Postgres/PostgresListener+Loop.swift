import CLibPQ
import Foundation
import Logging

/// The listener's blocking loop, run on its own thread: connect, listen, poll, probe, reconnect.
struct ListenerLoop {
    let listener: PostgresListener
    private var configuration: PostgresListener.Configuration { listener.configuration }
    private var logger: Logger { listener.logger }

    init(listener: PostgresListener) { self.listener = listener }

    func run() {
        var everConnected = false
        var backoff = configuration.reconnectBackoff.lowerBound
        while !listener.isStopped {
            guard let handle = connect() else {
                logger.warning("listener cannot connect; retrying", metadata: ["backoff_s": "\(backoff)"])
                sleepInterruptibly(seconds: backoff)
                backoff = min(backoff * 2, configuration.reconnectBackoff.upperBound)
                continue
            }
            backoff = configuration.reconnectBackoff.lowerBound
            listener.continuation.yield(.connected(reconnected: everConnected))
            everConnected = true
            serve(handle)
            PQfinish(handle)
            if !listener.isStopped { logger.warning("listener session lost; reconnecting") }
        }
    }

    /// Connects and listens on every channel plus a private probe channel.
    private func connect() -> OpaquePointer? {
        guard let handle = configuration.connection.connectBlocking() else { return nil }
        guard PQstatus(handle) == CONNECTION_OK else {
            PQfinish(handle)
            return nil
        }
        let statements = (configuration.channels + [probeChannel(handle)]).map { "LISTEN \(quoteIdentifier($0))" }
        guard run(statements.joined(separator: "; "), on: handle) else {
            PQfinish(handle)
            return nil
        }
        return handle
    }

    private func probeChannel(_ handle: OpaquePointer) -> String { "linli_probe_\(PQbackendPID(handle))" }

    /// Waits for notifications until the session fails, a probe goes unanswered, or the listener stops.
    private func serve(_ handle: OpaquePointer) {
        let probe = probeChannel(handle)
        let clock = ContinuousClock()
        var nextProbe = clock.now + configuration.probeInterval
        var probeDeadline: ContinuousClock.Instant?
        var descriptors = [
            pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0),
            pollfd(fd: listener.wakePipe.read, events: Int16(POLLIN), revents: 0),
        ]
        while !listener.isStopped {
            let wakeAt = probeDeadline ?? nextProbe
            let timeout = max(0, Int32(min((wakeAt - clock.now).nanoseconds / 1_000_000, 60_000)) + 1)
            descriptors[0].revents = 0
            descriptors[1].revents = 0
            let ready = poll(&descriptors, 2, timeout)
            if ready < 0 && errno != EINTR { return }
            if descriptors[1].revents != 0 { drainWakePipe() }
            if descriptors[0].revents != 0 {
                guard PQconsumeInput(handle) == 1, PQstatus(handle) == CONNECTION_OK else { return }
                if deliverNotifications(from: handle, probe: probe) { probeDeadline = nil }
            }
            let now = clock.now
            if let deadline = probeDeadline, now >= deadline {
                logger.warning("listener probe went unanswered")
                return
            }
            if probeDeadline == nil, now >= nextProbe {
                guard run("NOTIFY \(quoteIdentifier(probe))", on: handle) else { return }
                probeDeadline = now + configuration.probeTimeout
                nextProbe = now + configuration.probeInterval
                // The probe usually comes back with the command's own reply.
                if deliverNotifications(from: handle, probe: probe) { probeDeadline = nil }
            }
        }
    }

    /// Hands buffered notifications to the consumer; returns whether the probe was among them.
    private func deliverNotifications(from handle: OpaquePointer, probe: String) -> Bool {
        var sawProbe = false
        while let raw = PQnotifies(handle) {
            let notification = PostgresNotification(
                channel: String(cString: raw.pointee.relname),
                payload: String(cString: raw.pointee.extra),
                senderPID: raw.pointee.be_pid
            )
            PQfreemem(raw)
            if notification.channel == probe {
                sawProbe = true
            } else {
                listener.continuation.yield(.notification(notification))
            }
        }
        return sawProbe
    }

    private func run(_ statement: String, on handle: OpaquePointer) -> Bool {
        guard let result = PQexec(handle, statement) else { return false }
        defer { PQclear(result) }
        return PQresultStatus(result) == PGRES_COMMAND_OK
    }

    private func drainWakePipe() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(listener.wakePipe.read, &buffer, buffer.count) > 0 {}
    }

    private func sleepInterruptibly(seconds: Double) {
        var descriptor = pollfd(fd: listener.wakePipe.read, events: Int16(POLLIN), revents: 0)
        _ = poll(&descriptor, 1, Int32(seconds * 1000))
        drainWakePipe()
    }
}
