import Foundation

extension EventSeries {
    /// The occurrences overlapping the half-open `window`, overrides applied, ordered by start.
    ///
    /// Cancelled occurrences are included with status `.cancelled` so a calendar can show them struck out.
    /// An occurrence moved into the window from outside it is included; one moved out of it is not.
    /// An override of a start that is not an occurrence, or that an `EXDATE` removes, has no effect.
    /// - Throws: ``CalendarError`` as ``RecurrenceSet/occurrences(in:limit:)`` does.
    public func occurrences(in window: Range<Date>, limit: Int = 10_000) throws(CalendarError) -> [EventOccurrence] {
        var result: [EventOccurrence] = []
        var expanded: Set<LocalDateTime> = []
        for base in try recurrence.occurrences(in: window, limit: limit) {
            expanded.insert(base.start)
            let occurrence = occurrence(at: base.start)
            if occurrence.overlaps(window) { result.append(occurrence) }
        }
        for override in overrides.values.sorted(by: { $0.recurrenceID < $1.recurrenceID })
        where !expanded.contains(override.recurrenceID) && (override.start != nil || override.duration != nil) {
            let occurrence = occurrence(at: override.recurrenceID)
            guard occurrence.overlaps(window), try recurrence.contains(override.recurrenceID) else { continue }
            result.append(occurrence)
        }
        guard result.count <= limit else {
            throw CalendarError(code: .tooManyOccurrences, reason: "the window holds more than \(limit) occurrences")
        }
        return result.sorted { ($0.startInstant, $0.recurrenceID) < ($1.startInstant, $1.recurrenceID) }
    }

    /// The occurrence originally starting at `recurrenceID`, with its override applied; the caller checks it exists.
    func occurrence(at recurrenceID: LocalDateTime) -> EventOccurrence {
        let override = overrides[recurrenceID]
        let start = override?.start ?? recurrenceID
        let seconds = override?.duration.map { max(0, Int($0.components.seconds)) } ?? recurrence.durationSeconds
        let startInstant = start.instant(in: recurrence.timeZone)
        let cancelled = status == .cancelled || override?.isCancelled == true
        return EventOccurrence(
            recurrenceID: recurrenceID,
            start: start,
            startInstant: startInstant,
            endInstant: startInstant.addingTimeInterval(TimeInterval(seconds)),
            details: override?.applied(to: details) ?? details,
            status: cancelled ? .cancelled : .confirmed,
            isOverridden: override != nil
        )
    }
}

extension EventOccurrence {
    /// Whether it overlaps the half-open `window`, by the same rule as ``Occurrence/overlaps(_:)``.
    public func overlaps(_ window: Range<Date>) -> Bool {
        Occurrence(start: start, startInstant: startInstant, endInstant: endInstant).overlaps(window)
    }
}
