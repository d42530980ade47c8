import Foundation

/// A dedicated OS thread that runs Swift jobs one after another: the executor of one connection.
///
/// libpq is blocking C. Every call on a `PGconn` runs on the connection's own thread, so a slow
/// query never holds a NIO event loop or a thread of Swift's cooperative pool. The thread is the
/// `SerialExecutor` of ``PostgresConnection``, so code handed the connection `isolated` (inside
/// ``PostgresPool/withConnection(_:)``) stays on this thread between queries.
///
/// - Note: A hop onto the thread and back costs two thread wake-ups (13–35 µs on the 2-core test
///   machine, see docs/benchmarks.md). Spinning before parking was measured and made things worse
///   on 2 cores, so the thread parks at once; code that runs several statements should borrow the
///   connection once (``PostgresPool/withConnection(_:)``) and run them without hops.
final class ConnectionThread: SerialExecutor, @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    // Guarded by `mutex`.
    private var pending: [UnownedJob] = []
    private var isParked = false
    private var isStopping = false

    /// Starts the thread.
    /// - Parameter name: the thread's name, as shown by `top -H` and debuggers (at most 15 bytes are kept).
    init(name: String) {
        self.mutex = .allocate(capacity: 1)
        self.condition = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
        pending.reserveCapacity(16)
        let thread = Thread { [self] in self.runLoop() }
        thread.name = String(name.prefix(15))
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        pthread_mutex_lock(mutex)
        pending.append(job)
        let mustWake = isParked
        pthread_mutex_unlock(mutex)
        if mustWake { pthread_cond_signal(condition) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Runs the remaining jobs, then ends the thread.
    func stop() {
        pthread_mutex_lock(mutex)
        isStopping = true
        pthread_mutex_unlock(mutex)
        pthread_cond_signal(condition)
    }

    private func runLoop() {
        var batch: [UnownedJob] = []
        batch.reserveCapacity(16)
        let serial = asUnownedSerialExecutor()
        while true {
            pthread_mutex_lock(mutex)
            while pending.isEmpty && !isStopping {
                isParked = true
                pthread_cond_wait(condition, mutex)
                isParked = false
            }
            if pending.isEmpty && isStopping {
                pthread_mutex_unlock(mutex)
                return
            }
            swap(&batch, &pending)
            pthread_mutex_unlock(mutex)
            for job in batch {
                job.runSynchronously(on: serial)
            }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
