/// One entry of `BYDAY`: a weekday, optionally with an ordinal (`SA`, `2SA`, `-1SA`).
///
/// The ordinal counts within the month for `FREQ=MONTHLY` (and `FREQ=YEARLY` with `BYMONTH`), otherwise
/// within the year: `2SA` is the second Saturday, `-1SA` the last one.
public struct WeekdaySelector: Sendable, Hashable, CustomStringConvertible {
    /// The day of the week.
    public let weekday: Weekday
    /// 1...53 from the start, -53...-1 from the end, or `nil` for every such weekday.
    public let ordinal: Int?

    /// Every `weekday` in the period (`BYDAY=MO`).
    public static func every(_ weekday: Weekday) -> WeekdaySelector {
        WeekdaySelector(weekday: weekday, ordinal: nil)
    }

    /// The `ordinal`-th `weekday` in the period, counting from the end when negative (`BYDAY=2SA`, `BYDAY=-1SA`).
    ///
    /// An ordinal of 0 or beyond ±53 is refused when the rule is built (``RecurrenceRuleError/Code-swift.struct/valueOutOfRange``).
    public static func nth(_ ordinal: Int, _ weekday: Weekday) -> WeekdaySelector {
        WeekdaySelector(weekday: weekday, ordinal: ordinal)
    }

    /// The last `weekday` in the period (`BYDAY=-1SA`).
    public static func last(_ weekday: Weekday) -> WeekdaySelector {
        WeekdaySelector(weekday: weekday, ordinal: -1)
    }

    /// The entry as RFC 5545 writes it (`SA`, `2SA`, `-1SA`).
    public var description: String {
        guard let ordinal else { return weekday.code }
        return "\(ordinal)\(weekday.code)"
    }

    /// Whether `date` is selected, counting ordinals within its month or its year.
    func matches(_ date: LocalDate, withinYear: Bool) -> Bool {
        guard date.weekday == weekday else { return false }
        guard let ordinal else { return true }
        let position = withinYear ? date.dayOfYear : date.day
        let length = withinYear ? (LocalDate.isLeapYear(date.year) ? 366 : 365) : LocalDate.daysInMonth(year: date.year, month: date.month)
        if ordinal > 0 { return (position - 1) / 7 + 1 == ordinal }
        return (length - position) / 7 + 1 == -ordinal
    }
}
