/// A published event and its repetitions: one iCalendar `UID`, a recurrence set, details and per-occurrence overrides.
///
/// All changes are pure: each returns a new series and leaves this one as it was.
public struct EventSeries: Sendable, Hashable {
    /// UID: stable for the life of the series, e.g. `activity-4182@linli.example`.
    public var uid: String
    /// When it happens.
    public var recurrence: RecurrenceSet
    /// What it is.
    public var details: EventDetails
    /// Whether the series as a whole takes place.
    public var status: EventStatus
    /// SEQUENCE of the series' own VEVENT; the caller raises it whenever the series changes.
    public var sequence: Int
    /// Changed or cancelled occurrences, by their original start.
    public internal(set) var overrides: [LocalDateTime: OccurrenceOverride]

    /// Creates a series; of two overrides for the same occurrence the later one wins.
    public init(
        uid: String,
        recurrence: RecurrenceSet,
        details: EventDetails,
        status: EventStatus = .confirmed,
        sequence: Int = 0,
        overrides: [OccurrenceOverride] = []
    ) {
        self.uid = uid
        self.recurrence = recurrence
        self.details = details
        self.status = status
        self.sequence = sequence
        self.overrides = Dictionary(overrides.map { ($0.recurrenceID, $0) }, uniquingKeysWith: { _, later in later })
    }

    /// The series with `override` replacing any earlier override of the same occurrence.
    ///
    /// An override of a start that is not an occurrence (or that an `EXDATE` removes) is kept but has no effect:
    /// expansion and feeds skip it, so the series stays consistent when its rule changes later.
    public func overriding(_ override: OccurrenceOverride) -> EventSeries {
        var changed = self
        changed.overrides[override.recurrenceID] = override
        return changed
    }

    /// The series with the occurrence originally at `recurrenceID` cancelled, keeping its other changes.
    /// - Parameter sequence: the `SEQUENCE` for the cancelled occurrence's VEVENT.
    public func cancelling(occurrenceAt recurrenceID: LocalDateTime, sequence: Int) -> EventSeries {
        var override = overrides[recurrenceID] ?? OccurrenceOverride(recurrenceID: recurrenceID)
        override.isCancelled = true
        override.sequence = sequence
        return overriding(override)
    }

    /// The series without any override of the occurrence originally at `recurrenceID`.
    public func removingOverride(at recurrenceID: LocalDateTime) -> EventSeries {
        var changed = self
        changed.overrides[recurrenceID] = nil
        return changed
    }
}
