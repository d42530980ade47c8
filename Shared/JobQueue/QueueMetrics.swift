import CoreMetrics
import Foundation
import Metrics

/// The queue's swift-metrics instruments for one queue.
struct QueueMetrics: Sendable {
    let queue: String

    init(queue: String) { self.queue = queue }

    private var dimensions: [(String, String)] { [("queue", queue)] }

    func count(_ name: String, kind: String, by amount: Int = 1) {
        Counter(label: "linli_queue_jobs_\(name)_total", dimensions: dimensions + [("kind", kind)]).increment(by: amount)
    }

    /// Seconds from when a job was due to when it started.
    func recordWait(kind: String, seconds: Double) {
        Metrics.Timer(label: "linli_queue_wait_seconds", dimensions: dimensions + [("kind", kind)], preferredDisplayUnit: .seconds)
            .recordNanoseconds(Int64(max(0, seconds) * 1e9))
    }

    /// Seconds a handler ran.
    func recordRun(kind: String, seconds: Double) {
        Metrics.Timer(label: "linli_queue_run_seconds", dimensions: dimensions + [("kind", kind)], preferredDisplayUnit: .seconds)
            .recordNanoseconds(Int64(max(0, seconds) * 1e9))
    }

    /// Jobs ready and not started, and the age of the oldest of them.
    func recordDepth(available: Int, scheduled: Int, running: Int, oldestAvailableSeconds: Double) {
        Gauge(label: "linli_queue_depth", dimensions: dimensions + [("state", "available")]).record(available)
        Gauge(label: "linli_queue_depth", dimensions: dimensions + [("state", "scheduled")]).record(scheduled)
        Gauge(label: "linli_queue_depth", dimensions: dimensions + [("state", "running")]).record(running)
        Gauge(label: "linli_queue_oldest_available_seconds", dimensions: dimensions).record(oldestAvailableSeconds)
    }

    /// Dead tuples in the hot table (bloat that slows the claim).
    static func recordDeadTuples(_ count: Int) {
        Gauge(label: "linli_queue_jobs_dead_tuples").record(count)
    }
}
