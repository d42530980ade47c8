import Foundation
import Synchronization

/// What "now" is for a service. Production reads the system clock; a test passes a ``SettableClock``'s
/// clock and moves time instead of sleeping. Every service reads it from ``LinliRuntime/clock``, so
/// handlers, desks and jobs never call `Date()` themselves.
public struct WallClock: Sendable {
    private let read: @Sendable () -> Date

    /// A clock that reads `now` each time it is asked.
    public init(_ now: @escaping @Sendable () -> Date) { read = now }

    /// The system clock.
    public static let system = WallClock { Date() }

    /// The current time.
    public func now() -> Date { read() }
}

/// A clock a test sets and moves forward; its ``clock`` can be given to a runtime or a service.
public final class SettableClock: Sendable {
    private let current: Mutex<Date>

    /// A clock that stands at `start` until it is moved.
    public init(_ start: Date = Date()) { current = Mutex(start) }

    /// The time it stands at.
    public var now: Date { current.withLock { $0 } }

    /// The clock to hand to the code under test.
    public var clock: WallClock { WallClock { [self] in now } }

    /// Moves the clock by `interval` seconds (forward when positive).
    public func advance(by interval: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(interval) } }

    /// Sets the clock to `date`.
    public func set(_ date: Date) { current.withLock { $0 = date } }
}
