import Foundation

/// An RFC 5545 recurrence rule (`RRULE`) restricted to what activities need: daily, weekly, monthly and
/// yearly rules with `INTERVAL`, `BYDAY`, `BYMONTHDAY`, `BYMONTH`, `BYSETPOS`, `COUNT`, `UNTIL` and `WKST`.
///
/// A rule is valid by construction: both ``init(frequency:interval:byDay:byMonthDay:byMonth:bySetPosition:end:weekStart:)``
/// and ``init(parsing:)`` refuse what RFC 5545 forbids. Lists keep the order they were given in.
public struct RecurrenceRule: Sendable, Hashable {
    /// `FREQ`: the period the rule repeats over.
    public enum Frequency: String, Sendable, Hashable, CaseIterable {
        /// Every `INTERVAL` days.
        case daily = "DAILY"
        /// Every `INTERVAL` weeks, weeks beginning on `WKST`.
        case weekly = "WEEKLY"
        /// Every `INTERVAL` months.
        case monthly = "MONTHLY"
        /// Every `INTERVAL` years.
        case yearly = "YEARLY"
    }

    /// `UNTIL`: the last moment an instance may start at (inclusive).
    public enum Until: Sendable, Hashable {
        /// A date: instances starting on that local date, in the series' time zone, are still included.
        case date(LocalDate)
        /// A UTC date-time (written with a trailing `Z`); whole seconds.
        case instant(Date)
    }

    /// How the rule ends.
    public enum End: Sendable, Hashable {
        /// Neither `COUNT` nor `UNTIL`: the rule repeats forever and is only ever expanded up to a window's end.
        case never
        /// `COUNT`: the number of instances, the series' start counting as the first.
        case count(Int)
        /// `UNTIL`: the last moment an instance may start at.
        case until(Until)
    }

    /// The period the rule repeats over.
    public let frequency: Frequency
    /// Every how many periods the rule applies (`INTERVAL`, 1...10000).
    public let interval: Int
    /// `BYDAY`; ordinals only with monthly and yearly rules.
    public let byDay: [WeekdaySelector]
    /// `BYMONTHDAY`: 1...31, or -31...-1 counting from the month's end (-1 is the last day).
    public let byMonthDay: [Int]
    /// `BYMONTH`: 1...12.
    public let byMonth: [Int]
    /// `BYSETPOS`: picks from each period's instances, 1...366 from the start or -366...-1 from the end.
    public let bySetPosition: [Int]
    /// `COUNT`, `UNTIL` or neither.
    public let end: End
    /// `WKST`, or `nil` when not given (Monday, the RFC default). It matters for weekly rules with an interval.
    public let weekStart: Weekday?

    /// Creates a rule, refusing what RFC 5545 forbids.
    /// - Throws: ``RecurrenceRuleError`` naming the offending part.
    public init(
        frequency: Frequency,
        interval: Int = 1,
        byDay: [WeekdaySelector] = [],
        byMonthDay: [Int] = [],
        byMonth: [Int] = [],
        bySetPosition: [Int] = [],
        end: End = .never,
        weekStart: Weekday? = nil
    ) throws(RecurrenceRuleError) {
        self.init(
            unchecked: frequency,
            interval: interval,
            byDay: byDay,
            byMonthDay: byMonthDay,
            byMonth: byMonth,
            bySetPosition: bySetPosition,
            end: end,
            weekStart: weekStart
        )
        try validate()
    }

    /// Creates a rule whose parts the caller has already checked.
    init(
        unchecked frequency: Frequency,
        interval: Int,
        byDay: [WeekdaySelector],
        byMonthDay: [Int],
        byMonth: [Int],
        bySetPosition: [Int],
        end: End,
        weekStart: Weekday?
    ) {
        self.frequency = frequency
        self.interval = interval
        self.byDay = byDay
        self.byMonthDay = byMonthDay
        self.byMonth = byMonth
        self.bySetPosition = bySetPosition
        // UNTIL is written to the second, so keep it to the second: a parsed rule then equals the one written.
        if case .until(.instant(let instant)) = end {
            self.end = .until(.instant(Date(timeIntervalSince1970: instant.timeIntervalSince1970.rounded(.down))))
        } else {
            self.end = end
        }
        self.weekStart = weekStart
    }

    /// The same rule ending differently.
    func ending(_ end: End) -> RecurrenceRule {
        RecurrenceRule(
            unchecked: frequency,
            interval: interval,
            byDay: byDay,
            byMonthDay: byMonthDay,
            byMonth: byMonth,
            bySetPosition: bySetPosition,
            end: end,
            weekStart: weekStart
        )
    }
}
