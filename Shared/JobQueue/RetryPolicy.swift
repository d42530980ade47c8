import Foundation

/// When a failed job runs again: exponential backoff with jitter, capped.
///
/// Attempt *n* waits `base × 2^(n−1)` seconds (capped at `maximum`), then a random share of up to
/// `jitter` of that is taken off so that jobs failing together do not retry together.
public struct RetryPolicy: Sendable, Equatable {
    /// The wait after the first failure, in seconds.
    public var base: Double
    /// The longest wait, in seconds.
    public var maximum: Double
    /// The share (0…1) of each wait that is randomised.
    public var jitter: Double

    /// Creates a policy.
    public init(base: Double = 1, maximum: Double = 3_600, jitter: Double = 0.25) {
        self.base = base
        self.maximum = maximum
        self.jitter = min(max(jitter, 0), 1)
    }

    /// The default: 1 s, 2 s, 4 s, … up to an hour.
    public static let `default` = RetryPolicy()

    /// Seconds to wait after the given failed attempt (1-based), with `random` in 0…1 picking the jitter.
    public func delay(afterAttempt attempt: Int, random: Double = Double.random(in: 0...1)) -> Double {
        let exponent = Double(max(0, min(attempt - 1, 62)))
        let full = min(maximum, base * pow(2, exponent))
        return full * (1 - jitter * random)
    }
}
