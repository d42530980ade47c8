import Foundation

extension RecurrenceRule {
    /// Refuses values out of range and combinations RFC 5545 §3.3.10 forbids.
    func validate() throws(RecurrenceRuleError) {
        try Self.check(interval, in: 1...10_000, part: "INTERVAL=\(interval)", "INTERVAL is 1...10000")
        if case .count(let count) = end {
            try Self.check(count, in: 1...Int.max, part: "COUNT=\(count)", "COUNT is at least 1")
        }
        if case .until(.instant(let instant)) = end, LocalDateTime(instant, in: .gmt) == nil {
            throw RecurrenceRuleError(code: .valueOutOfRange, part: "UNTIL", reason: "UNTIL must fall in years 1...9999")
        }
        for selector in byDay {
            guard let ordinal = selector.ordinal else { continue }
            let part = "BYDAY=\(selector)"
            try Self.check(signed: ordinal, upTo: 53, part: part, "a BYDAY ordinal is 1...53 or -53...-1")
            guard frequency == .monthly || frequency == .yearly else {
                throw RecurrenceRuleError(code: .conflictingParts, part: part, reason: "BYDAY ordinals need FREQ=MONTHLY or FREQ=YEARLY")
            }
        }
        for day in byMonthDay {
            try Self.check(signed: day, upTo: 31, part: "BYMONTHDAY=\(day)", "BYMONTHDAY is 1...31 or -31...-1")
        }
        if frequency == .weekly, !byMonthDay.isEmpty {
            throw RecurrenceRuleError(code: .conflictingParts, part: "BYMONTHDAY", reason: "BYMONTHDAY is not allowed with FREQ=WEEKLY")
        }
        for month in byMonth {
            try Self.check(month, in: 1...12, part: "BYMONTH=\(month)", "BYMONTH is 1...12")
        }
        for position in bySetPosition {
            try Self.check(signed: position, upTo: 366, part: "BYSETPOS=\(position)", "BYSETPOS is 1...366 or -366...-1")
        }
        if !bySetPosition.isEmpty, byDay.isEmpty, byMonthDay.isEmpty, byMonth.isEmpty {
            throw RecurrenceRuleError(
                code: .conflictingParts,
                part: "BYSETPOS",
                reason: "BYSETPOS must be used with another BYxxx part"
            )
        }
    }

    /// Checks `1...limit` or `-limit...-1` without `abs`, which traps on `Int.min`.
    private static func check(signed value: Int, upTo limit: Int, part: String, _ reason: String) throws(RecurrenceRuleError) {
        guard (1...limit).contains(value) || ((-limit)...(-1)).contains(value) else {
            throw RecurrenceRuleError(code: .valueOutOfRange, part: part, reason: reason)
        }
    }

    private static func check(_ value: Int, in range: ClosedRange<Int>, part: String, _ reason: String) throws(RecurrenceRuleError) {
        guard range.contains(value) else { throw RecurrenceRuleError(code: .valueOutOfRange, part: part, reason: reason) }
    }
}
