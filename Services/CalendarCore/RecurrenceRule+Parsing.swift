import Foundation

extension RecurrenceRule {
    /// Parses the value of an `RRULE` property (`FREQ=MONTHLY;BYDAY=-1SA;COUNT=12`), with or without `RRULE:`.
    ///
    /// Names and values are case-insensitive, as RFC 5545 §2 says; an empty part (a trailing `;`) is ignored.
    /// - Throws: ``RecurrenceRuleError`` naming the offending part; never traps, whatever the input.
    public init(parsing text: String) throws(RecurrenceRuleError) {
        var body = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        if body.uppercased().hasPrefix("RRULE:") { body = body.dropFirst(6) }
        var parts = RuleParts()
        var seen: Set<String> = []
        for part in body.split(separator: ";", omittingEmptySubsequences: true) {
            guard let equals = part.firstIndex(of: "="), equals != part.startIndex else {
                throw RecurrenceRuleError(code: .malformedPart, part: part, reason: "a part is NAME=VALUE")
            }
            let name = part[..<equals].uppercased()
            let value = part[part.index(after: equals)...].uppercased()
            guard seen.insert(name).inserted else {
                throw RecurrenceRuleError(code: .duplicatePart, part: part, reason: "each part may appear only once")
            }
            try parts.read(name: name, value: value, part: part)
        }
        guard let frequency = parts.frequency else {
            throw RecurrenceRuleError(code: .missingFrequency, part: text, reason: "FREQ is required")
        }
        if parts.count != nil, let untilPart = parts.untilPart {
            throw RecurrenceRuleError(code: .conflictingParts, part: untilPart, reason: "COUNT and UNTIL must not both be given")
        }
        self.init(
            unchecked: frequency,
            interval: parts.interval ?? 1,
            byDay: parts.byDay,
            byMonthDay: parts.byMonthDay,
            byMonth: parts.byMonth,
            bySetPosition: parts.bySetPosition,
            end: parts.count.map { .count($0) } ?? parts.until.map { .until($0) } ?? .never,
            weekStart: parts.weekStart
        )
        try validate()
    }
}

/// The parts of a rule as read, before the combination is checked.
private struct RuleParts {
    var frequency: RecurrenceRule.Frequency?
    var interval: Int?
    var count: Int?
    var until: RecurrenceRule.Until?
    var untilPart: Substring?
    var byDay: [WeekdaySelector] = []
    var byMonthDay: [Int] = []
    var byMonth: [Int] = []
    var bySetPosition: [Int] = []
    var weekStart: Weekday?

    mutating func read(name: String, value: String, part: Substring) throws(RecurrenceRuleError) {
        func invalid(_ reason: String) -> RecurrenceRuleError {
            RecurrenceRuleError(code: .invalidValue, part: part, reason: reason)
        }
        func integers(signed: Bool) throws(RecurrenceRuleError) -> [Int] {
            var numbers: [Int] = []
            for item in value.split(separator: ",", omittingEmptySubsequences: false) {
                guard let number = Self.integer(item, signed: signed) else { throw invalid("expected a comma-separated list of integers") }
                numbers.append(number)
            }
            return numbers
        }
        switch name {
        case "FREQ":
            if let frequency = RecurrenceRule.Frequency(rawValue: value) {
                self.frequency = frequency
            } else if ["SECONDLY", "MINUTELY", "HOURLY"].contains(value) {
                throw RecurrenceRuleError(code: .unsupportedFrequency, part: part, reason: "only DAILY, WEEKLY, MONTHLY and YEARLY are supported")
            } else {
                throw invalid("FREQ is DAILY, WEEKLY, MONTHLY or YEARLY")
            }
        case "INTERVAL":
            guard let number = Self.integer(Substring(value), signed: false) else { throw invalid("expected a positive integer") }
            interval = number
        case "COUNT":
            guard let number = Self.integer(Substring(value), signed: false) else { throw invalid("expected a positive integer") }
            count = number
        case "UNTIL":
            until = try Self.until(value, part: part)
            untilPart = part
        case "BYDAY":
            for item in value.split(separator: ",", omittingEmptySubsequences: false) {
                guard let selector = Self.selector(item) else { throw invalid("expected weekdays such as MO, 2SA or -1SA") }
                byDay.append(selector)
            }
        case "BYMONTHDAY": byMonthDay = try integers(signed: true)
        case "BYMONTH": byMonth = try integers(signed: false)
        case "BYSETPOS": bySetPosition = try integers(signed: true)
        case "WKST":
            guard let weekday = Weekday(code: value) else { throw invalid("WKST is MO, TU, WE, TH, FR, SA or SU") }
            weekStart = weekday
        case "BYSECOND", "BYMINUTE", "BYHOUR", "BYYEARDAY", "BYWEEKNO":
            throw RecurrenceRuleError(code: .unsupportedPart, part: part, reason: "\(name) is valid RFC 5545 but not supported here")
        default:
            throw RecurrenceRuleError(code: .unknownPart, part: part, reason: "not an RFC 5545 rule part")
        }
    }

    /// An optionally signed decimal integer of at most 9 digits (so it cannot overflow), or `nil`.
    static func integer(_ text: Substring, signed: Bool) -> Int? {
        var digits = text
        var sign = 1
        if signed, let first = digits.first, first == "+" || first == "-" {
            sign = first == "-" ? -1 : 1
            digits = digits.dropFirst()
        }
        guard (1...9).contains(digits.count), let value = LocalDate.number(ArraySlice(digits.utf8)) else { return nil }
        return sign * value
    }

    /// `SA`, `2SA`, `+2SA`, `-1SA`.
    static func selector(_ text: Substring) -> WeekdaySelector? {
        guard text.count >= 2, let weekday = Weekday(code: String(text.suffix(2))) else { return nil }
        let prefix = text.dropLast(2)
        if prefix.isEmpty { return .every(weekday) }
        guard let ordinal = integer(prefix, signed: true) else { return nil }
        return .nth(ordinal, weekday)
    }

    /// `YYYYMMDD` or `YYYYMMDDTHHMMSSZ`.
    static func until(_ value: String, part: Substring) throws(RecurrenceRuleError) -> RecurrenceRule.Until {
        if let date = LocalDate(iCalendarText: value) { return .date(date) }
        if value.hasSuffix("Z"), let local = LocalDateTime(iCalendarText: value.dropLast()) {
            return .instant(Date(timeIntervalSince1970: TimeInterval(local.localSeconds)))
        }
        let reason =
            LocalDateTime(iCalendarText: value) != nil
            ? "an UNTIL date-time must be UTC (end with Z)" : "UNTIL is YYYYMMDD or YYYYMMDDTHHMMSSZ"
        throw RecurrenceRuleError(code: .invalidValue, part: part, reason: reason)
    }
}
