/// What a handler throws to steer its job: discard it at once, or try again later on purpose.
///
/// Any other error counts as a failed attempt and is retried with backoff until the job's
/// maximum attempts, then the job is discarded with every error kept.
public struct JobError: Error, Sendable, CustomStringConvertible {
    /// What the handler asks for.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable { case discard, snooze, unknownKind, undecodablePayload, leaseLost, cancelled, invalidOptions }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The job can never succeed (bad input): discard it now, keeping the reason.
        public static let discard = Code(.discard)
        /// Not an error: run again after ``JobError/delay`` without using up an attempt.
        public static let snooze = Code(.snooze)
        /// No handler is registered for the job's kind (set by the worker).
        public static let unknownKind = Code(.unknownKind)
        /// The payload does not decode as the registered type (set by the worker).
        public static let undecodablePayload = Code(.undecodablePayload)
        /// The worker lost the job's lease (rescued elsewhere); its work must not be committed.
        public static let leaseLost = Code(.leaseLost)
        /// An operator cancelled the running job.
        public static let cancelled = Code(.cancelled)
        /// A job was enqueued with options the queue refuses (e.g. a bad queue name).
        public static let invalidOptions = Code(.invalidOptions)

        public var description: String { base.rawValue }
    }

    /// What is asked for.
    public let code: Code
    /// Why, in words safe to store and show an operator.
    public let reason: String
    /// For ``Code/snooze``: seconds until the next run.
    public let delay: Double

    /// Discards the job at once.
    public static func discard(_ reason: String) -> JobError { JobError(code: .discard, reason: reason, delay: 0) }
    /// Runs the job again after a delay, without counting an attempt.
    public static func snooze(seconds: Double, reason: String = "snoozed") -> JobError {
        JobError(code: .snooze, reason: reason, delay: seconds)
    }

    init(code: Code, reason: String, delay: Double = 0) {
        self.code = code
        self.reason = reason
        self.delay = delay
    }

    public var description: String { "JobError.\(code): \(reason)" }
}
