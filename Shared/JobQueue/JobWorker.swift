import Foundation
import Logging
import Models
import Postgres
import ServiceLifecycle
import Synchronization

/// Runs the jobs of one queue: claims them in batches, runs their handlers, renews their leases,
/// writes their outcomes, and rescues jobs whose worker died.
///
/// Register handlers before running it:
///
/// ```swift
/// let worker = JobWorker(configuration: .init(queue: "notifications"), jobs: jobs, wakeups: wakeups, logger: logger)
/// worker.register(DeliverMessage.self) { message, context in try await deliver(message, key: context.jobID) }
/// worker.subscribe(ActivityPublished.self) { event, context, tx, outbox in … }
/// ```
public final class JobWorker: Service, Sendable {
    /// Worker settings.
    public struct Configuration: Sendable {
        /// The queue this worker serves.
        public var queue: String
        /// Handlers running at once.
        public var concurrency: Int
        /// The most jobs claimed in one statement.
        public var batchSize: Int
        /// How long a claim holds a job without renewal; a dead worker's jobs are rescued after it.
        public var leaseDuration: Duration
        /// The fallback poll when no notification arrives.
        public var pollInterval: Duration
        /// How long graceful shutdown waits for running handlers before cancelling them and handing their jobs back.
        public var shutdownTimeout: Duration
        /// How often this worker looks for expired leases to rescue.
        public var rescueInterval: Duration
        /// How long finished jobs are kept: completed, and discarded or cancelled (dead letters).
        public var completedRetention: Duration
        public var deadRetention: Duration
        /// The name written on claimed jobs (host and process by default).
        public var workerName: String

        /// Creates settings; only the queue is required.
        public init(
            queue: String,
            concurrency: Int = 16,
            batchSize: Int = 100,
            leaseDuration: Duration = .seconds(30),
            pollInterval: Duration = .seconds(1),
            shutdownTimeout: Duration = .seconds(20),
            rescueInterval: Duration? = nil,
            completedRetention: Duration = .seconds(86_400),
            deadRetention: Duration = .seconds(7 * 86_400),
            workerName: String? = nil
        ) {
            self.queue = queue
            self.concurrency = max(1, concurrency)
            self.batchSize = max(1, batchSize)
            self.leaseDuration = leaseDuration
            self.pollInterval = pollInterval
            self.shutdownTimeout = shutdownTimeout
            self.rescueInterval = rescueInterval ?? max(.milliseconds(500), leaseDuration / 6)
            self.completedRetention = completedRetention
            self.deadRetention = deadRetention
            self.workerName =
                workerName ?? "\(ProcessInfo.processInfo.hostName):\(getpid()):\(UUID().uuidString.prefix(6).lowercased())"
        }
    }

    public let configuration: Configuration
    let jobs: JobQueue
    /// Sessions for the queue's own statements (claims, outcomes, leases), with `synchronous_commit` off:
    /// losing one of these commits in a crash only makes a job run again, never twice at once.
    let queuePool: PostgresPool
    let wake: WakeSignal
    let handlers = Mutex<[String: JobHandler]>([:])
    let periodicJobs = Mutex<[PeriodicJob]>([])
    let inFlight = InFlightJobs()
    /// Batches running per kind (see ``subscribeBatch(_:maxBatch:concurrency:retry:handler:)``).
    let runningBatches = Mutex<[String: Int]>([:])
    let transitions = TransitionBuffer()
    let metrics: QueueMetrics
    let logger: Logger
    let isShuttingDown = Atomic<Bool>(false)
    let background = BackgroundStop()

    /// Creates a worker for one queue.
    /// - Parameters:
    ///   - jobs: the queue client; its pool runs transactional handlers, its doorbell is rung for follow-up jobs.
    ///   - wakeups: the process's listener, which wakes this worker when jobs arrive.
    public init(configuration: Configuration, jobs: JobQueue, wakeups: QueueWakeups, logger: Logger) {
        self.configuration = configuration
        self.jobs = jobs
        var connection = jobs.pool.configuration.connection
        connection.sessionSettings["synchronous_commit"] = "off"
        self.queuePool = PostgresPool(
            configuration: .init(connection: connection, maxConnections: 4, name: "queue-\(configuration.queue)"),
            logger: logger
        )
        self.wake = wakeups.signal(for: configuration.queue)
        self.metrics = QueueMetrics(queue: configuration.queue)
        var logger = logger
        logger[metadataKey: "queue"] = "\(configuration.queue)"
        self.logger = logger
    }

    /// Runs `handler` for jobs of `Payload`'s kind; outcomes are written in batches.
    public func register<Payload: JobPayload>(
        _ type: Payload.Type,
        retry: RetryPolicy = .default,
        handler: @escaping @Sendable (Payload, JobContext) async throws -> Void
    ) {
        add(
            JobHandler(
                kind: Payload.kind,
                retry: retry,
                body: .plain { job, context in
                    try await handler(try JobHandler.decode(Payload.self, from: job), context)
                },
                deduplicatesEvents: false
            )
        )
    }

    /// Runs `handler` inside a transaction that also completes the job: its writes, the jobs and
    /// events it adds to the outbox, and the completion commit together, or not at all (for
    /// example when the lease was lost meanwhile).
    public func registerTransactional<Payload: JobPayload>(
        _ type: Payload.Type,
        retry: RetryPolicy = .default,
        handler: @escaping @Sendable (Payload, JobContext, isolated PostgresConnection, JobOutbox) async throws -> Void
    ) {
        add(
            JobHandler(
                kind: Payload.kind,
                retry: retry,
                body: .transactional { job, context, tx, outbox in
                    try await handler(try JobHandler.decode(Payload.self, from: job), context, tx, outbox)
                },
                deduplicatesEvents: false
            )
        )
    }

    /// Subscribes this worker's queue to an event topic and handles it transactionally; an event id
    /// already consumed by this queue is skipped, so redelivery and republishing have no second effect.
    public func subscribe<Event: DomainEvent>(
        _ type: Event.Type,
        retry: RetryPolicy = .default,
        handler: @escaping @Sendable (Event, JobContext, isolated PostgresConnection, JobOutbox) async throws -> Void
    ) {
        add(
            JobHandler(
                kind: Event.topic,
                retry: retry,
                body: .transactional { job, context, tx, outbox in
                    try await handler(try JobHandler.decode(Event.self, from: job), context, tx, outbox)
                },
                deduplicatesEvents: true
            )
        )
    }

    /// Adds a periodic job that this worker's process schedules (any number of replicas run each slot once).
    public func schedule(_ periodic: PeriodicJob) {
        periodicJobs.withLock { $0.append(periodic) }
    }

    private func add(_ handler: JobHandler) {
        handlers.withLock { $0[handler.kind] = handler }
    }

    /// The topics this worker subscribes to.
    var subscribedTopics: [String] {
        handlers.withLock { $0.values.filter(\.deduplicatesEvents).map(\.kind).sorted() }
    }
}
