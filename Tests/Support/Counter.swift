import Synchronization

/// A thread-safe counter for tests that count what concurrent work did.
public final class Counter: Sendable {
    private let count = Mutex(0)

    public init() {}

    /// Adds one and returns the new value.
    @discardableResult
    public func increment() -> Int {
        count.withLock {
            $0 += 1
            return $0
        }
    }

    /// The current value.
    public var value: Int { count.withLock { $0 } }
}
