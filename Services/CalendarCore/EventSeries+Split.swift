import Foundation

extension EventSeries {
    /// Splits the series for a "this and following" change at the occurrence originally starting at `splitPoint`.
    ///
    /// The ending series keeps this UID, gets `UNTIL` one second before the split point (replacing any `COUNT`)
    /// and a `SEQUENCE` one higher, since its published rule changed. The following series starts at the split
    /// point under `newUID` with `SEQUENCE` 0; a `COUNT` is reduced by the instances before the split, so the
    /// two together have the same occurrences as before. `RDATE`s, `EXDATE`s and overrides go to the side their
    /// start falls on. The caller then changes the following series as the user asked.
    /// - Throws: ``CalendarError`` with `notAnOccurrence` when `splitPoint` is not an instance of the rule, or
    ///   `splitAtFirstOccurrence` when it is DTSTART (that is an edit of the whole series).
    public func splitting(at splitPoint: LocalDateTime, newUID: String) throws(CalendarError) -> (ending: EventSeries, following: EventSeries) {
        guard let rule = recurrence.rule else {
            throw CalendarError(code: .notAnOccurrence, reason: "a series without a rule has no following occurrences")
        }
        guard splitPoint != recurrence.start else {
            throw CalendarError(code: .splitAtFirstOccurrence, reason: "splitting at the first occurrence changes the whole series")
        }
        let instances = try recurrence.ruleInstances(through: splitPoint)
        guard splitPoint > recurrence.start, instances.last == splitPoint else {
            throw CalendarError(code: .notAnOccurrence, reason: "the split point is not an instance of the series' rule")
        }
        var ending = self
        let lastMoment = splitPoint.instant(in: recurrence.timeZone).addingTimeInterval(-1)
        ending.recurrence.rule = rule.ending(.until(.instant(lastMoment)))
        ending.recurrence.rdates = recurrence.rdates.filter { $0 < splitPoint }
        ending.recurrence.exdates = recurrence.exdates.filter { $0 < splitPoint }
        ending.overrides = overrides.filter { $0.key < splitPoint }
        ending.sequence = sequence + 1

        var following = self
        following.uid = newUID
        following.sequence = 0
        following.recurrence.start = splitPoint
        if case .count(let count) = rule.end {
            following.recurrence.rule = rule.ending(.count(count - (instances.count - 1)))
        }
        following.recurrence.rdates = recurrence.rdates.filter { $0 >= splitPoint }
        following.recurrence.exdates = recurrence.exdates.filter { $0 >= splitPoint }
        following.overrides = overrides.filter { $0.key >= splitPoint }
        return (ending, following)
    }
}
