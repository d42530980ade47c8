import CalendarCore
import Foundation
import Testing

/// Dates written the way a person checks them by hand: `"2025-01-31 09:00"`, read in Asia/Shanghai.
enum Fixture {
    static let shanghai = RecurrenceSet.defaultTimeZone

    /// `"2025-01-31 09:00"` (or `"2025-01-31"` for midnight) as a local date-time.
    static func at(_ text: String) throws -> LocalDateTime {
        let numbers = text.split(whereSeparator: { "- :".contains($0) }).compactMap { Int($0) }
        try #require(numbers.count == 3 || numbers.count == 5, "bad fixture \(text)")
        let hour = numbers.count == 5 ? numbers[3] : 0
        let minute = numbers.count == 5 ? numbers[4] : 0
        return try #require(LocalDateTime(year: numbers[0], month: numbers[1], day: numbers[2], hour: hour, minute: minute))
    }

    /// The instant a local time means in Shanghai (UTC+8), computed without the library.
    static func instant(_ text: String) throws -> Date {
        let local = try at(text)
        var components = DateComponents()
        (components.year, components.month, components.day) = (local.date.year, local.date.month, local.date.day)
        (components.hour, components.minute) = (local.hour, local.minute)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        return try #require(calendar.date(from: components))
    }

    /// The half-open window between two local times in Shanghai.
    static func window(_ from: String, _ to: String) throws -> Range<Date> {
        try instant(from)..<instant(to)
    }

    /// A recurrence set in Shanghai lasting an hour unless told otherwise.
    static func set(
        _ rule: String?,
        start: String,
        duration: Duration = .seconds(3600),
        rdates: [String] = [],
        exdates: [String] = []
    ) throws -> RecurrenceSet {
        RecurrenceSet(
            start: try at(start),
            timeZone: shanghai,
            duration: duration,
            rule: try rule.map { try RecurrenceRule(parsing: $0) },
            rdates: try rdates.map(at),
            exdates: try exdates.map(at)
        )
    }

    /// The local starts of the occurrences overlapping the window, as `"2025-01-31 09:00"`.
    static func starts(_ set: RecurrenceSet, from: String, to: String) throws -> [String] {
        try set.occurrences(in: window(from, to)).map { text($0.start) }
    }

    /// `"2025-01-31 09:00"`.
    static func text(_ local: LocalDateTime) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(local.date.year)-\(two(local.date.month))-\(two(local.date.day)) \(two(local.hour)):\(two(local.minute))"
    }
}
