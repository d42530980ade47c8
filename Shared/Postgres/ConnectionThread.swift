import Foundation
import Synchronization

/// A dedicated OS thread that runs Swift jobs one after another: the executor of one connection.
///
/// libpq is blocking C. Every call on a `PGconn` runs on the connection's own thread, so a slow
/// query never holds a NIO event loop or a thread of Swift's cooperative pool. The thread is both a
/// `SerialExecutor` (the isolation of ``PostgresConnection``) and a `TaskExecutor`, so code running
/// inside ``PostgresPool/withConnection(_:)`` stays on this thread between queries instead of
/// hopping to the global pool and back.
///
/// - Note: Waking a parked thread is the expensive part of a hop on a virtual machine (an
///   inter-processor interrupt). After running its jobs the thread spins for a short, bounded time
///   before it parks, so a caller that answers quickly finds it awake.
final class ConnectionThread: SerialExecutor, TaskExecutor, @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    // Guarded by `mutex`.
    private var pending: [UnownedJob] = []
    private var isParked = false
    private var isStopping = false
    /// Mirrors `!pending.isEmpty || isStopping`, so the spinning thread can look without the lock.
    private let hasWork = Atomic<Bool>(false)
    private let spinIterations: Int

    /// Starts the thread.
    /// - Parameters:
    ///   - name: the thread's name, as shown by `top -H` and debuggers (at most 15 bytes are kept).
    ///   - spinIterations: how many times the idle thread checks for new work before it parks.
    init(name: String, spinIterations: Int = 2_000) {
        self.mutex = .allocate(capacity: 1)
        self.condition = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
        self.spinIterations = spinIterations
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
        hasWork.store(true, ordering: .releasing)
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
        hasWork.store(true, ordering: .releasing)
        pthread_mutex_unlock(mutex)
        pthread_cond_signal(condition)
    }

    private func runLoop() {
        var batch: [UnownedJob] = []
        batch.reserveCapacity(16)
        let serial = asUnownedSerialExecutor()
        let taskExecutor = asUnownedTaskExecutor()
        while true {
            spinUntilWork()
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
            hasWork.store(isStopping, ordering: .releasing)
            pthread_mutex_unlock(mutex)
            for job in batch {
                job.runSynchronously(isolatedTo: serial, taskExecutor: taskExecutor)
            }
            batch.removeAll(keepingCapacity: true)
        }
    }

    /// Looks for work a bounded number of times before the caller parks the thread.
    private func spinUntilWork() {
        var spins = 0
        while spins < spinIterations {
            if hasWork.load(ordering: .acquiring) { return }
            spins += 1
            if spins % 128 == 0 { sched_yield() }
        }
    }
}
