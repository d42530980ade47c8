/// A change to one occurrence of a series, keyed by the start the rule gave it (`RECURRENCE-ID`).
///
/// Fields left `nil` follow the series, so a later change to the series' title still reaches an
/// occurrence whose only change was its time.
public struct OccurrenceOverride: Sendable, Hashable {
    /// The occurrence's original local start, as the recurrence set produced it.
    public let recurrenceID: LocalDateTime
    /// A new local start, or `nil` to keep the original.
    public var start: LocalDateTime?
    /// A new duration, or `nil` to keep the series' duration.
    public var duration: Duration?
    /// A new title, or `nil` to keep the series' title.
    public var title: String?
    /// A new location, or `nil` to keep the series' location.
    public var location: String?
    /// A new capacity, or `nil` to keep the series' capacity.
    public var capacity: Int?
    /// Whether this occurrence is called off.
    public var isCancelled: Bool
    /// The `SEQUENCE` of this occurrence's own VEVENT; the caller raises it on each change.
    public var sequence: Int

    /// Creates an override of the occurrence originally starting at `recurrenceID`.
    public init(
        recurrenceID: LocalDateTime,
        start: LocalDateTime? = nil,
        duration: Duration? = nil,
        title: String? = nil,
        location: String? = nil,
        capacity: Int? = nil,
        isCancelled: Bool = false,
        sequence: Int = 0
    ) {
        self.recurrenceID = recurrenceID
        self.start = start
        self.duration = duration
        self.title = title
        self.location = location
        self.capacity = capacity
        self.isCancelled = isCancelled
        self.sequence = sequence
    }

    /// The series' details with this override's changes applied.
    public func applied(to details: EventDetails) -> EventDetails {
        var changed = details
        if let title { changed.title = title }
        if let location { changed.location = location }
        if let capacity { changed.capacity = capacity }
        return changed
    }
}
