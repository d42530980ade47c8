/// A wall-clock date and time with no time zone attached, to one second.
///
/// Recurrence instances, `RDATE`, `EXDATE` and `RECURRENCE-ID` values are local times in the series'
/// time zone; keeping them local makes "the occurrence originally at 09:00 on 2025-03-08" an exact key.
public struct LocalDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The calendar date.
    public let date: LocalDate
    /// The hour, 0...23.
    public let hour: Int
    /// The minute, 0...59.
    public let minute: Int
    /// The second, 0...59 (leap seconds are not representable, as in most calendar software).
    public let second: Int

    /// Creates a date-time, or `nil` when a component is out of range or the day does not exist.
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard let date = LocalDate(year: year, month: month, day: day) else { return nil }
        self.init(date: date, hour: hour, minute: minute, second: second)
    }

    /// Creates a date-time on `date`, or `nil` when the time of day is out of range.
    public init?(date: LocalDate, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The date-time `seconds` after 1970-01-01T00:00:00 on the same wall clock, or `nil` outside years 1...9999.
    init?(localSeconds: Int) {
        let days = localSeconds >= 0 ? localSeconds / 86_400 : (localSeconds - 86_399) / 86_400
        let inDay = localSeconds - days * 86_400
        guard let date = LocalDate(dayNumber: days) else { return nil }
        self.date = date
        self.hour = inDay / 3600
        self.minute = inDay % 3600 / 60
        self.second = inDay % 60
    }

    /// The same wall-clock time on another date.
    func on(_ other: LocalDate) -> LocalDateTime {
        LocalDateTime(date: other, hour: hour, minute: minute, second: second)!
    }

    /// Seconds since 1970-01-01T00:00:00 on this wall clock, as if the zone were UTC.
    var localSeconds: Int {
        date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// The date-time `seconds` later on the wall clock, or `nil` outside years 1...9999.
    public func adding(seconds: Int) -> LocalDateTime? {
        LocalDateTime(localSeconds: localSeconds + seconds)
    }

    /// The date-time as `YYYY-MM-DDTHH:MM:SS`.
    public var description: String {
        "\(date)T\(LocalDate.pad(hour, 2)):\(LocalDate.pad(minute, 2)):\(LocalDate.pad(second, 2))"
    }

    /// Earlier wall-clock times sort first (by local time, not by instant).
    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        (lhs.date, lhs.hour, lhs.minute, lhs.second) < (rhs.date, rhs.hour, rhs.minute, rhs.second)
    }
}
