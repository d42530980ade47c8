import Foundation

/// One instance of a recurrence set: where it starts on the wall clock and the instants it spans.
public struct Occurrence: Sendable, Hashable {
    /// The local start in the set's time zone; also the instance's `RECURRENCE-ID`.
    public let start: LocalDateTime
    /// The instant it starts.
    public let startInstant: Date
    /// The instant it ends: `startInstant` plus the set's duration.
    public let endInstant: Date

    /// Creates an occurrence.
    public init(start: LocalDateTime, startInstant: Date, endInstant: Date) {
        self.start = start
        self.startInstant = startInstant
        self.endInstant = endInstant
    }

    /// Whether it overlaps the half-open `window`; an instant (zero-length) occurrence overlaps when it starts inside.
    public func overlaps(_ window: Range<Date>) -> Bool {
        guard startInstant < window.upperBound else { return false }
        return endInstant > window.lowerBound || (endInstant == startInstant && startInstant >= window.lowerBound)
    }
}
