import Foundation

extension CronSchedule {
    /// The first slot strictly after `date`.
    public func next(after date: Date) -> Date? {
        step(from: date.addingTimeInterval(60), forward: true)
    }

    /// The latest slot at or before `date`.
    public func previous(atOrBefore date: Date) -> Date? {
        step(from: date, forward: false)
    }

    /// Walks field by field from `start` (truncated to its minute), jumping over whole months, days
    /// and hours that cannot match, until every field matches. Gives up after ~5 years of months.
    private func step(from start: Date, forward: Bool) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var components = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: start)
        for _ in 0..<200_000 {
            guard let year = components.year, let month = components.month, let day = components.day,
                let hour = components.hour, let minute = components.minute
            else { return nil }
            if year < 1970 || year > 9999 { return nil }
            if !months.contains(month) {
                components =
                    forward
                    ? DateComponents(year: month == 12 ? year + 1 : year, month: month % 12 + 1, day: 1, hour: 0, minute: 0)
                    : lastMinute(ofMonth: month == 1 ? 12 : month - 1, year: month == 1 ? year - 1 : year, calendar: calendar)
                continue
            }
            guard let date = calendar.date(from: components) else { return nil }
            if !dayMatches(date, day: day, calendar: calendar) {
                components = moved(date, by: .day, forward: forward, calendar: calendar, reset: [.hour, .minute])
                continue
            }
            if !hours.contains(hour) {
                components = moved(date, by: .hour, forward: forward, calendar: calendar, reset: [.minute])
                continue
            }
            if !minutes.contains(minute) {
                components = moved(date, by: .minute, forward: forward, calendar: calendar, reset: [])
                continue
            }
            return date
        }
        return nil
    }

    private func dayMatches(_ date: Date, day: Int, calendar: Calendar) -> Bool {
        let weekday = calendar.component(.weekday, from: date) - 1
        let byMonthDay = daysOfMonth.contains(day)
        let byWeekDay = daysOfWeek.contains(weekday)
        switch (dayOfMonthRestricted, dayOfWeekRestricted) {
        case (true, true): return byMonthDay || byWeekDay
        case (true, false): return byMonthDay
        case (false, true): return byWeekDay
        case (false, false): return true
        }
    }

    /// Moves one unit and sets the smaller units to their first (forward) or last (backward) value.
    private func moved(
        _ date: Date,
        by unit: Calendar.Component,
        forward: Bool,
        calendar: Calendar,
        reset: [Calendar.Component]
    ) -> DateComponents {
        let shifted = calendar.date(byAdding: unit, value: forward ? 1 : -1, to: date) ?? date
        var components = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: shifted)
        for component in reset {
            switch component {
            case .hour: components.hour = forward ? 0 : 23
            case .minute: components.minute = forward ? 0 : 59
            default: break
            }
        }
        return components
    }

    private func lastMinute(ofMonth month: Int, year: Int, calendar: Calendar) -> DateComponents {
        let first = calendar.date(from: DateComponents(year: year, month: month, day: 1)) ?? Date()
        let days = calendar.range(of: .day, in: .month, for: first)?.count ?? 28
        return DateComponents(year: year, month: month, day: days, hour: 23, minute: 59)
    }
}
