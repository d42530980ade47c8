/// A rule's periods (days, weeks, months or years, `INTERVAL` apart) and the dates each one yields.
///
/// Implements the BYxxx table of RFC 5545 §3.3.10 for the supported parts, after filling in what the rule
/// leaves to `DTSTART` (a weekly rule without `BYDAY` repeats on DTSTART's weekday, and so on).
struct RecurrencePeriods {
    private let frequency: RecurrenceRule.Frequency
    private let interval: Int
    private let byDay: [WeekdaySelector]
    private let byMonthDay: [Int]
    private let byMonth: [Int]
    private let bySetPosition: [Int]
    private let weekdayOffsets: [Int]
    /// Period 0: a day number (daily), the day number of the first day of DTSTART's week (weekly),
    /// `year * 12 + month - 1` (monthly) or the year (yearly).
    private let origin: Int

    init(rule: RecurrenceRule, start: LocalDate) {
        frequency = rule.frequency
        interval = rule.interval
        bySetPosition = rule.bySetPosition
        var byDay = rule.byDay
        var byMonthDay = rule.byMonthDay
        var byMonth = Array(Set(rule.byMonth)).sorted()
        if byDay.isEmpty, byMonthDay.isEmpty {
            switch rule.frequency {
            case .daily: break
            case .weekly: byDay = [.every(start.weekday)]
            case .monthly: byMonthDay = [start.day]
            case .yearly:
                if byMonth.isEmpty { byMonth = [start.month] }
                byMonthDay = [start.day]
            }
        }
        self.byDay = byDay
        self.byMonthDay = byMonthDay
        self.byMonth = byMonth
        let weekStart = rule.weekStart ?? .monday
        weekdayOffsets = Array(Set(byDay.map { $0.weekday.days(after: weekStart) })).sorted()
        switch rule.frequency {
        case .daily: origin = start.dayNumber
        case .weekly: origin = start.dayNumber - start.weekday.days(after: weekStart)
        case .monthly: origin = start.year * 12 + start.month - 1
        case .yearly: origin = start.year
        }
    }

    /// The first period that can hold an instance on or after `date` (0 when `date` is before the start).
    func period(containing date: LocalDate) -> Int {
        let distance =
            switch frequency {
            case .daily: date.dayNumber - origin
            case .weekly: (date.dayNumber - origin) / 7
            case .monthly: date.year * 12 + date.month - 1 - origin
            case .yearly: date.year - origin
            }
        return max(0, distance) / interval
    }

    /// The first day of period `index`, or `nil` beyond year 9999.
    func firstDay(ofPeriod index: Int) -> LocalDate? {
        let step = index * interval
        switch frequency {
        case .daily: return LocalDate(dayNumber: origin + step)
        case .weekly: return LocalDate(dayNumber: origin + step * 7)
        case .monthly: return LocalDate(year: (origin + step) / 12, month: (origin + step) % 12 + 1, day: 1)
        case .yearly: return LocalDate(year: origin + step, month: 1, day: 1)
        }
    }

    /// The dates period `index` yields, ascending, after `BYSETPOS`.
    func dates(inPeriod index: Int) -> [LocalDate] {
        guard let first = firstDay(ofPeriod: index) else { return [] }
        let dates: [LocalDate]
        switch frequency {
        case .daily:
            let keep = (byMonth.isEmpty || byMonth.contains(first.month)) && matchesMonthDay(first) && matchesDay(first, withinYear: false)
            dates = keep ? [first] : []
        case .weekly:
            dates = weekdayOffsets.compactMap { LocalDate(dayNumber: first.dayNumber + $0) }
                .filter { byMonth.isEmpty || byMonth.contains($0.month) }
        case .monthly:
            dates = byMonth.isEmpty || byMonth.contains(first.month) ? monthDates(first.year, first.month, withinYear: false) : []
        case .yearly:
            if !byMonth.isEmpty {
                dates = byMonth.flatMap { monthDates(first.year, $0, withinYear: false) }
            } else if !byMonthDay.isEmpty {
                dates = (1...12).flatMap { monthDates(first.year, $0, withinYear: true) }
            } else {
                let length = LocalDate.isLeapYear(first.year) ? 366 : 365
                dates = (0..<length).map { LocalDate(uncheckedDayNumber: first.dayNumber + $0) }.filter { matchesDay($0, withinYear: true) }
            }
        }
        return selectPositions(dates)
    }

    /// The days of a month the rule yields: `BYMONTHDAY` expands and `BYDAY` limits, or `BYDAY` alone expands.
    private func monthDates(_ year: Int, _ month: Int, withinYear: Bool) -> [LocalDate] {
        let length = LocalDate.daysInMonth(year: year, month: month)
        let days: [Int]
        if byMonthDay.isEmpty {
            days = Array(1...length)
        } else {
            // A day the month lacks (the 31st of April, -31 in February) is skipped, not clamped (RFC 5545 §3.3.10).
            days = Set(byMonthDay.map { $0 > 0 ? $0 : length + 1 + $0 }).filter { (1...length).contains($0) }.sorted()
        }
        return days.compactMap { LocalDate(year: year, month: month, day: $0) }.filter { matchesDay($0, withinYear: withinYear) }
    }

    private func matchesMonthDay(_ date: LocalDate) -> Bool {
        guard !byMonthDay.isEmpty else { return true }
        let length = LocalDate.daysInMonth(year: date.year, month: date.month)
        return byMonthDay.contains { $0 > 0 ? $0 == date.day : length + 1 + $0 == date.day }
    }

    private func matchesDay(_ date: LocalDate, withinYear: Bool) -> Bool {
        byDay.isEmpty || byDay.contains { $0.matches(date, withinYear: withinYear) }
    }

    private func selectPositions(_ dates: [LocalDate]) -> [LocalDate] {
        guard !bySetPosition.isEmpty else { return dates }
        let indices = Set(bySetPosition.map { $0 > 0 ? $0 - 1 : dates.count + $0 }).filter { dates.indices.contains($0) }
        return indices.sorted().map { dates[$0] }
    }
}
