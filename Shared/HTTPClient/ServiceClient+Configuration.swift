extension ServiceClient {
    /// How long a request may take and when it is sent again.
    public struct Configuration: Sendable {
        /// The whole request's deadline: connecting, sending, the answer's body and every retry (30 s).
        public var deadline: Duration
        /// When a failed request is sent again.
        public var retry: RetryPolicy
        /// The largest answer body read (16 MiB); a larger one fails the request.
        public var maximumBodyBytes: Int

        /// Settings with the defaults above.
        public init(deadline: Duration = .seconds(30), retry: RetryPolicy = RetryPolicy(), maximumBodyBytes: Int = 16 << 20) {
            self.deadline = deadline
            self.retry = retry
            self.maximumBodyBytes = maximumBodyBytes
        }
    }

    /// When a request is sent again, always within its deadline.
    ///
    /// A request that could not be sent at all (the connection was refused or not made in time) is
    /// sent again whatever its method: the service never saw it. A repeatable request (see
    /// ``ServiceClient/call(_:_:body:headers:repeatable:)``) is also sent again after the connection was
    /// lost before the whole answer, or after one of ``statuses``. A POST that creates something is
    /// never sent again once it may have reached the service: a lost answer does not mean nothing was created.
    public struct RetryPolicy: Sendable {
        /// How many times a request is sent at most (1: never again).
        public var attempts: Int
        /// The pause before the second attempt; it doubles for each later one, up to ``maximumBackoff``.
        public var backoff: Duration
        /// The longest pause between two attempts.
        public var maximumBackoff: Duration
        /// Answers after which a repeatable request is sent again (502, 503, 504).
        public var statuses: Set<Int>

        /// A policy with three attempts, 200 ms doubling up to 2 s, after 502, 503 and 504.
        public init(
            attempts: Int = 3,
            backoff: Duration = .milliseconds(200),
            maximumBackoff: Duration = .seconds(2),
            statuses: Set<Int> = [502, 503, 504]
        ) {
            self.attempts = max(attempts, 1)
            self.backoff = backoff
            self.maximumBackoff = maximumBackoff
            self.statuses = statuses
        }

        /// Never send a request twice.
        public static let never = RetryPolicy(attempts: 1)

        /// The pause before attempt `number` (2, 3, …).
        func pause(before number: Int) -> Duration {
            var pause = backoff
            for _ in 2..<max(number, 2) { pause = min(pause * 2, maximumBackoff) }
            return min(pause, maximumBackoff)
        }
    }
}
