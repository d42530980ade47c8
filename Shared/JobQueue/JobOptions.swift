import Foundation

/// How urgently a job should run relative to others in its queue; lower runs first.
public struct JobPriority: Hashable, Sendable, Comparable {
    /// The stored value (0 = most urgent).
    public let rawValue: Int16
    /// Creates a priority from its stored value.
    public init(rawValue: Int16) { self.rawValue = rawValue }

    public static let urgent = JobPriority(rawValue: 0)
    public static let high = JobPriority(rawValue: 1)
    public static let normal = JobPriority(rawValue: 2)
    public static let low = JobPriority(rawValue: 3)

    public static func < (lhs: JobPriority, rhs: JobPriority) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Where and when a job runs, and how it is told apart from others.
public struct JobOptions: Sendable {
    /// The queue, i.e. the service whose worker runs the job (`notifications`).
    public var queue: String
    /// Runs before jobs of lower priority in the same queue.
    public var priority: JobPriority
    /// The earliest time to run; `nil` means now.
    public var runAt: Date?
    /// Attempts before the job is discarded (dead-lettered).
    public var maxAttempts: Int
    /// While a job with this key is unfinished, enqueuing another with the same key does nothing.
    public var uniqueKey: String?
    /// Ties the job to the request or event that caused it, for logs across services.
    public var correlationID: String?
    /// W3C trace context (`traceparent`, `tracestate`) of the caller.
    public var traceParent: String?
    public var traceState: String?

    /// Creates options; only the queue is required.
    public init(
        queue: String,
        priority: JobPriority = .normal,
        runAt: Date? = nil,
        maxAttempts: Int = 20,
        uniqueKey: String? = nil,
        correlationID: String? = nil,
        traceParent: String? = nil,
        traceState: String? = nil
    ) {
        self.queue = queue
        self.priority = priority
        self.runAt = runAt
        self.maxAttempts = max(1, maxAttempts)
        self.uniqueKey = uniqueKey
        self.correlationID = correlationID
        self.traceParent = traceParent
        self.traceState = traceState
    }

    /// The same options, delayed by an interval from now.
    public func delayed(by seconds: TimeInterval, now: Date = Date()) -> JobOptions {
        var copy = self
        copy.runAt = now.addingTimeInterval(seconds)
        return copy
    }
}
