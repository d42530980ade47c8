import Foundation
import Synchronization

/// The jobs a worker is running, with what it needs to renew, cancel or fence each one.
///
/// Jobs run in units: one job, or a batch of jobs of one kind run by one task. A unit counts against
/// the worker's concurrency from its start until its last job's outcome is written.
final class InFlightJobs: Sendable {
    struct Entry: Sendable {
        let token: UUID
        var task: Task<Void, Never>?
        /// The unit (its first job's id) once started; claimed jobs waiting for a free slot have none.
        var unit: Int?
        /// The heartbeat found the lease gone: the job was rescued elsewhere; drop whatever this run produces.
        var leaseLost = false
        /// An operator asked to cancel the job.
        var cancelRequested = false
    }

    private struct State {
        var entries: [Int: Entry] = [:]
        /// Started units and how many of their jobs are still in flight.
        var units: [Int: Int] = [:]
    }

    private let state = Mutex(State())

    /// Jobs claimed and not yet written.
    var count: Int { state.withLock { $0.entries.count } }

    /// Units started and not yet finished: what counts against concurrency.
    var runningUnits: Int { state.withLock { $0.units.count } }

    func add(_ job: ClaimedJob) {
        state.withLock { $0.entries[job.id] = Entry(token: job.leaseToken) }
    }

    /// Counts `ids` as one started unit (before its task exists, so the fetch loop sees the slot taken).
    func begin(_ ids: [Int]) {
        guard let unit = ids.first else { return }
        state.withLock { state in
            for id in ids where state.entries[id] != nil {
                state.entries[id]?.unit = unit
                state.units[unit, default: 0] += 1
            }
        }
    }

    /// Gives the unit's jobs the task that runs them; one flagged for cancellation or a lost lease
    /// before the task existed has the task cancelled now.
    func attach(_ task: Task<Void, Never>, to ids: [Int]) {
        let flagged = state.withLock { state -> Bool in
            var flagged = false
            for id in ids where state.entries[id] != nil {
                state.entries[id]?.task = task
                if state.entries[id]?.cancelRequested == true || state.entries[id]?.leaseLost == true { flagged = true }
            }
            return flagged
        }
        if flagged { task.cancel() }
    }

    func remove(_ id: Int) {
        state.withLock { state in
            guard let entry = state.entries.removeValue(forKey: id), let unit = entry.unit else { return }
            let left = (state.units[unit] ?? 1) - 1
            state.units[unit] = left > 0 ? left : nil
        }
    }

    func entry(_ id: Int) -> Entry? { state.withLock { $0.entries[id] } }

    /// The leases to renew.
    func leases() -> (ids: [Int], tokens: [UUID]) {
        state.withLock { state in
            let sorted = state.entries.sorted { $0.key < $1.key }
            return (sorted.map(\.key), sorted.map(\.value.token))
        }
    }

    /// Applies a heartbeat's answer: jobs missing from `held` lost their lease, `true` values asked to cancel.
    func applyHeartbeat(asked ids: [Int], held: [Int: Bool]) {
        let toCancel = state.withLock { state -> [Task<Void, Never>] in
            var tasks: [Task<Void, Never>] = []
            for id in ids {
                guard var entry = state.entries[id] else { continue }
                if let cancel = held[id] {
                    guard cancel, !entry.cancelRequested else { continue }
                    entry.cancelRequested = true
                } else {
                    guard !entry.leaseLost else { continue }
                    entry.leaseLost = true
                }
                state.entries[id] = entry
                if let task = entry.task { tasks.append(task) }
            }
            return tasks
        }
        for task in toCancel { task.cancel() }
    }

    /// Cancels every running handler (at the end of a graceful shutdown).
    func cancelAll() {
        for task in state.withLock({ $0.entries.values.compactMap(\.task) }) { task.cancel() }
    }
}
