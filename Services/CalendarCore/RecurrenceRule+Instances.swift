import Foundation

extension RecurrenceRule {
    /// How many periods one expansion may walk before it is refused: 200,000 days is 547 years of a daily rule.
    static let periodBudget = 200_000

    /// Calls `body` with each instance of the rule in order, `start` (DTSTART) first, up to `lastDate`.
    ///
    /// `start` always counts as the first instance, even when it does not match the rule: RFC 5545 calls
    /// an unsynchronised DTSTART undefined, and counting it is what libical and most clients do.
    /// Instances on dates that do not exist or at local times skipped by a clock change are dropped and not counted.
    /// - Parameters:
    ///   - firstDate: without `COUNT`, whole periods ending before this date are skipped rather than walked.
    ///   - lastDate: no instance after this local date is produced.
    ///   - body: receives the local start and its instant; returns `false` to stop.
    /// - Throws: ``CalendarError/Code-swift.struct/expansionTooLong`` past ``periodBudget`` periods.
    func forEachInstance(
        start: LocalDateTime,
        timeZone: TimeZone,
        from firstDate: LocalDate?,
        through lastDate: LocalDate,
        _ body: (LocalDateTime, Date) -> Bool
    ) throws(CalendarError) {
        let periods = RecurrencePeriods(rule: self, start: start.date)
        var remaining = Int.max
        var untilDate: LocalDate?
        var untilInstant: Date?
        switch end {
        case .never: break
        case .count(let count): remaining = count
        case .until(.date(let date)): untilDate = date
        case .until(.instant(let instant)): untilInstant = instant
        }
        var index = 0
        if remaining == Int.max, let firstDate { index = periods.period(containing: firstDate) }
        if index == 0 {
            guard body(start, start.instant(in: timeZone)) else { return }
            remaining -= 1
        }
        let firstIndex = index
        while remaining > 0 {
            guard let periodStart = periods.firstDay(ofPeriod: index), periodStart <= lastDate else { return }
            guard index - firstIndex < Self.periodBudget else {
                throw CalendarError(code: .expansionTooLong, reason: "the expansion would walk more than \(Self.periodBudget) periods")
            }
            for date in periods.dates(inPeriod: index) {
                let local = start.on(date)
                guard local > start else { continue }
                if date > lastDate { return }
                if let untilDate, date > untilDate { return }
                let (instant, exists) = local.resolved(in: timeZone)
                if let untilInstant, instant > untilInstant { return }
                guard exists else { continue }
                guard body(local, instant) else { return }
                remaining -= 1
                if remaining == 0 { return }
            }
            index += 1
        }
    }
}
