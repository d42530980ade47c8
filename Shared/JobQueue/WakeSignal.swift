import Foundation
import Synchronization

/// Wakes loops that sleep until something happens: a notification, a freed slot, a reconnect, a due time.
///
/// Firing wakes every current waiter; a signal fired while nobody waits is remembered for the next
/// one, so a wake-up is never lost between a loop's check and its wait. Due times of future jobs
/// are collected so a loop can sleep exactly until the earliest.
final class WakeSignal: Sendable {
    private struct State {
        var fired = false
        var earliestDue: Date?
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0
    }

    private let state = Mutex(State())

    /// Wakes every waiter now (or the next one to wait).
    func fire() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard !state.waiters.isEmpty else {
                state.fired = true
                return []
            }
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Notes that a job becomes due at `date`, and wakes the waiter so it can shorten its sleep.
    func note(dueAt date: Date) {
        state.withLock { state in
            state.earliestDue = min(state.earliestDue ?? date, date)
        }
        fire()
    }

    /// The earliest due time noted since the last call, cleared.
    func takeEarliestDue() -> Date? {
        state.withLock { state in
            defer { state.earliestDue = nil }
            return state.earliestDue
        }
    }

    /// Returns `true` when fired, `false` after `timeout` (or when the task is cancelled).
    @discardableResult
    func wait(timeout: Duration) async -> Bool {
        if takeRemembered() { return true }
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask { await self.waitForFire() }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    private func takeRemembered() -> Bool {
        state.withLock { state in
            defer { state.fired = false }
            return state.fired
        }
    }

    /// Suspends until fired; returns `true` if fired, `false` if cancelled first.
    private func waitForFire() async -> Bool {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if Task.isCancelled { return true }
                    if state.fired {
                        state.fired = false
                        return true
                    }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
            return !Task.isCancelled
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }
}
