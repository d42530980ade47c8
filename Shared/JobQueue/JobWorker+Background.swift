import Foundation
import Logging
import Postgres
import Synchronization

extension JobWorker {
    /// Writes recorded outcomes in batches until the worker stops and nothing is left.
    func flushUntilStopped() async {
        while true {
            let batch = transitions.take(limit: 1_000)
            if batch.isEmpty {
                if background.isStopped { return }
                await transitions.signal.wait(timeout: .milliseconds(200))
                continue
            }
            await write(batch)
        }
    }

    /// Writes one batch: one statement per kind of outcome. A failed write is retried; outcomes whose
    /// fence no longer holds are dropped (the job was rescued and belongs to another run).
    private func write(_ batch: [JobStore.Transition]) async {
        var finals: [String: [JobStore.Transition]] = [:]
        var waits: [JobStore.Transition] = []
        for transition in batch {
            if let state = transition.finalState { finals[state, default: []].append(transition) } else { waits.append(transition) }
        }
        let (finalGroups, waiting) = (finals, waits)
        var attempt = 0
        while !Task.isCancelled {
            do {
                let (applied, rescheduled) = try await queuePool.withConnection { connection in
                    var applied = Set<Int>()
                    for (state, group) in finalGroups { applied.formUnion(try JobStore.finish(group, state: state, on: connection)) }
                    let rescheduled = try JobStore.reschedule(waiting, on: connection)
                    return (applied, rescheduled)
                }
                account(batch, applied: applied.union(rescheduled.map(\.id)))
                jobs.doorbell.ring(rescheduled)
                return
            } catch {
                attempt += 1
                logger.warning("cannot write job outcomes; retrying", metadata: ["error": "\(error)", "attempt": "\(attempt)"])
                try? await Task.sleep(for: .milliseconds(min(2_000, 50 * attempt * attempt)))
            }
        }
    }

    private func account(_ batch: [JobStore.Transition], applied: Set<Int>) {
        var counts: [String: Int] = [:]
        for transition in batch {
            inFlight.remove(transition.id)
            guard applied.contains(transition.id) else {
                logger.warning("an outcome was fenced out: the job's lease had passed to another run", metadata: ["job.id": "\(transition.id)"])
                counts["fenced", default: 0] += 1
                continue
            }
            let name: String =
                switch transition.outcome {
                case .completed: "completed"
                case .retry: "retried"
                case .reschedule: "rescheduled"
                case .discard: "discarded"
                case .cancelled: "cancelled"
                }
            counts[name, default: 0] += 1
        }
        for (name, count) in counts { metrics.count(name, kind: "*", by: count) }
        wake.fire()
    }

    /// Renews the leases of running jobs every third of the lease; cancels jobs that lost theirs or that an operator cancelled.
    func heartbeatUntilStopped() async {
        let interval = configuration.leaseDuration / 3
        let lease = configuration.leaseDuration.secondsValue
        while !background.isStopped {
            await background.signal.wait(timeout: interval)
            let (ids, tokens) = inFlight.leases()
            guard !ids.isEmpty else { continue }
            do {
                let held = try await queuePool.withConnection { connection in
                    try JobStore.heartbeat(ids: ids, tokens: tokens, leaseSeconds: lease, on: connection)
                }
                inFlight.applyHeartbeat(asked: ids, held: held)
            } catch {
                logger.warning("cannot renew leases", metadata: ["error": "\(error)"])
            }
        }
    }
}

/// Tells the worker's background loops (flusher, heartbeat, maintenance) to finish.
final class BackgroundStop: Sendable {
    private let stopped = Atomic<Bool>(false)
    /// Fired on stop, so sleeping loops notice at once.
    let signal = WakeSignal()

    var isStopped: Bool { stopped.load(ordering: .acquiring) }

    func stop() {
        stopped.store(true, ordering: .releasing)
        signal.fire()
    }
}
