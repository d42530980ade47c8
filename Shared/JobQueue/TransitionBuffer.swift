import Foundation
import Synchronization

/// Transitions of finished attempts waiting to be written, so many are written in one statement.
///
/// The flusher takes everything pending, writes it, and comes back: while one batch is being
/// written the next one gathers, so batches grow with load and a lone job is written at once.
final class TransitionBuffer: Sendable {
    private let pending = Mutex<[JobStore.Transition]>([])
    /// Fired when something is added.
    let signal = WakeSignal()

    var isEmpty: Bool { pending.withLock { $0.isEmpty } }

    func add(_ transition: JobStore.Transition) {
        pending.withLock { $0.append(transition) }
        signal.fire()
    }

    /// Takes up to `limit` pending transitions.
    func take(limit: Int) -> [JobStore.Transition] {
        pending.withLock { pending in
            let batch = Array(pending.prefix(limit))
            pending.removeFirst(batch.count)
            return batch
        }
    }
}

extension JobStore.Transition {
    /// The state name a final outcome is stored under, or `nil` for outcomes that keep the job waiting.
    var finalState: String? {
        switch outcome {
        case .completed: "completed"
        case .discard: "discarded"
        case .cancelled: "cancelled"
        case .retry, .reschedule: nil
        }
    }
}
