import Foundation

extension RecurrenceRule: CustomStringConvertible {
    /// The rule as an `RRULE` value, without the `RRULE:` name: `FREQ=MONTHLY;COUNT=12;BYDAY=-1SA`.
    ///
    /// Parts come in a fixed order (FREQ, INTERVAL, COUNT or UNTIL, BYMONTH, BYMONTHDAY, BYDAY, BYSETPOS, WKST);
    /// `INTERVAL=1` is left out. Parsing the text gives back an equal rule.
    public var text: String {
        var parts = ["FREQ=\(frequency.rawValue)"]
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        switch end {
        case .never: break
        case .count(let count): parts.append("COUNT=\(count)")
        case .until(.date(let date)): parts.append("UNTIL=\(date.iCalendarText)")
        case .until(.instant(let instant)): parts.append("UNTIL=\(Self.utcText(instant))")
        }
        if !byMonth.isEmpty { parts.append("BYMONTH=" + byMonth.map(String.init).joined(separator: ",")) }
        if !byMonthDay.isEmpty { parts.append("BYMONTHDAY=" + byMonthDay.map(String.init).joined(separator: ",")) }
        if !byDay.isEmpty { parts.append("BYDAY=" + byDay.map(\.description).joined(separator: ",")) }
        if !bySetPosition.isEmpty { parts.append("BYSETPOS=" + bySetPosition.map(String.init).joined(separator: ",")) }
        if let weekStart { parts.append("WKST=\(weekStart.code)") }
        return parts.joined(separator: ";")
    }

    /// The same as ``text``.
    public var description: String { text }

    /// The same rule with a date `UNTIL` replaced by the UTC instant ending that day in `timeZone`.
    ///
    /// RFC 5545 requires a UTC `UNTIL` when `DTSTART` has a `TZID`, and other readers (python-dateutil among them)
    /// take a date `UNTIL` as midnight, dropping the last day's 09:00 instance; a feed therefore writes this form.
    public func anchoringUntil(in timeZone: TimeZone) -> RecurrenceRule {
        guard case .until(.date(let date)) = end else { return self }
        guard let nextDay = date.adding(days: 1), let midnight = LocalDateTime(date: nextDay) else { return ending(.never) }
        return ending(.until(.instant(midnight.instant(in: timeZone).addingTimeInterval(-1))))
    }

    /// `YYYYMMDDTHHMMSSZ` for an instant.
    static func utcText(_ instant: Date) -> String {
        (LocalDateTime(instant, in: .gmt)?.iCalendarText ?? "99991231T235959") + "Z"
    }
}
