import Foundation

extension RecurrenceSet {
    /// The occurrences that overlap the half-open `window`, ordered by start.
    ///
    /// `COUNT` limits the rule's instances before `EXDATE` removes any, and `RDATE`s do not count towards it
    /// (RFC 5545 §3.8.5.3). A rule without `COUNT` or `UNTIL` is expanded only up to the window's end.
    /// - Parameter limit: the most occurrences the caller accepts; more is an error rather than a silent cut.
    /// - Throws: ``CalendarError`` with `tooManyOccurrences` or `expansionTooLong`.
    public func occurrences(in window: Range<Date>, limit: Int = 10_000) throws(CalendarError) -> [Occurrence] {
        let seconds = TimeInterval(durationSeconds)
        guard !window.isEmpty, let lastDate = Self.localDate(window.upperBound, in: timeZone) else { return [] }
        let firstDate = Self.localDate(window.lowerBound.addingTimeInterval(-seconds), in: timeZone)?.adding(days: -1)
        let excluded = Set(exdates)
        var found: [LocalDateTime: Date] = [:]
        /// Keeps an instance that is not excluded and overlaps the window; says whether to go on.
        func consider(_ local: LocalDateTime, _ instant: Date) -> Bool {
            guard !excluded.contains(local) else { return true }
            let occurrence = Occurrence(start: local, startInstant: instant, endInstant: instant.addingTimeInterval(seconds))
            if occurrence.overlaps(window) { found[local] = instant }
            return found.count <= limit
        }
        if let rule {
            try rule.forEachInstance(start: start, timeZone: timeZone, from: firstDate, through: lastDate, consider)
        } else {
            _ = consider(start, start.instant(in: timeZone))
        }
        for rdate in rdates { _ = consider(rdate, rdate.instant(in: timeZone)) }
        guard found.count <= limit else {
            throw CalendarError(code: .tooManyOccurrences, reason: "the window holds more than \(limit) occurrences")
        }
        return found.map { Occurrence(start: $0.key, startInstant: $0.value, endInstant: $0.value.addingTimeInterval(seconds)) }
            .sorted { ($0.startInstant, $0.start) < ($1.startInstant, $1.start) }
    }

    /// Whether `candidate` is the local start of an occurrence: DTSTART, a rule instance or an `RDATE`, and not an `EXDATE`.
    public func contains(_ candidate: LocalDateTime) throws(CalendarError) -> Bool {
        if exdates.contains(candidate) { return false }
        if candidate == start || rdates.contains(candidate) { return true }
        return try ruleInstances(from: candidate.date.adding(days: -1), through: candidate).last == candidate
    }

    /// The rule's instances (DTSTART first, before `EXDATE`) up to and including `last`.
    /// - Parameter first: without `COUNT`, periods before this date may be skipped; `nil` lists them all.
    func ruleInstances(from first: LocalDate? = nil, through last: LocalDateTime) throws(CalendarError) -> [LocalDateTime] {
        guard let rule else { return last >= start ? [start] : [] }
        var instances: [LocalDateTime] = []
        try rule.forEachInstance(start: start, timeZone: timeZone, from: first, through: last.date) { local, _ in
            guard local <= last else { return false }
            instances.append(local)
            return true
        }
        return instances
    }

    /// The local date of `instant`, clamped to 9999-12-31 after it; `nil` before year 1.
    private static func localDate(_ instant: Date, in timeZone: TimeZone) -> LocalDate? {
        if let local = LocalDateTime(instant, in: timeZone) { return local.date }
        return instant.timeIntervalSince1970 > 0 ? LocalDate(year: 9999, month: 12, day: 31) : nil
    }
}
