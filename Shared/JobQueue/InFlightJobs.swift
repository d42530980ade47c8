import Foundation
import Synchronization

/// The jobs a worker is running, with what it needs to renew, cancel or fence each one.
final class InFlightJobs: Sendable {
    struct Entry: Sendable {
        let token: UUID
        var task: Task<Void, Never>?
        /// The heartbeat found the lease gone: the job was rescued elsewhere; drop whatever this run produces.
        var leaseLost = false
        /// An operator asked to cancel the job.
        var cancelRequested = false
    }

    private let entries = Mutex<[Int: Entry]>([:])

    var count: Int { entries.withLock { $0.count } }

    func add(_ job: ClaimedJob) {
        entries.withLock { $0[job.id] = Entry(token: job.leaseToken) }
    }

    func attach(_ task: Task<Void, Never>, to id: Int) {
        let orphan = entries.withLock { entries -> Bool in
            guard entries[id] != nil else { return true }
            entries[id]?.task = task
            return false
        }
        if orphan { task.cancel() }
    }

    func remove(_ id: Int) {
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }

    func entry(_ id: Int) -> Entry? { entries.withLock { $0[id] } }

    /// The leases to renew.
    func leases() -> (ids: [Int], tokens: [UUID]) {
        entries.withLock { entries in
            let sorted = entries.sorted { $0.key < $1.key }
            return (sorted.map(\.key), sorted.map(\.value.token))
        }
    }

    /// Applies a heartbeat's answer: jobs missing from `held` lost their lease, `true` values asked to cancel.
    func applyHeartbeat(asked ids: [Int], held: [Int: Bool]) {
        let toCancel = entries.withLock { entries -> [Task<Void, Never>] in
            var tasks: [Task<Void, Never>] = []
            for id in ids {
                guard var entry = entries[id] else { continue }
                if let cancel = held[id] {
                    guard cancel, !entry.cancelRequested else { continue }
                    entry.cancelRequested = true
                } else {
                    guard !entry.leaseLost else { continue }
                    entry.leaseLost = true
                }
                entries[id] = entry
                if let task = entry.task { tasks.append(task) }
            }
            return tasks
        }
        for task in toCancel { task.cancel() }
    }

    /// Cancels every running handler (at the end of a graceful shutdown).
    func cancelAll() {
        for task in entries.withLock({ $0.values.compactMap(\.task) }) { task.cancel() }
    }
}
