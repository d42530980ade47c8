import CalendarCore
import Foundation
import ServiceKit

/// Times, recurrences and registration windows in the words residents read (`WebStrings.Activity`):
/// `12月12日 周六 14:30–16:00`, `每月第二个周六，共 12 次`, `活动前 3 天开始报名，开始前 2 小时截止`.
enum ActivityTimeText {
    private typealias W = WebStrings.Activity

    /// An occurrence from its start to its end, in the activity's zone; the end's day is repeated only when it differs.
    static func span(from start: Date, to end: Date, in zone: TimeZone) -> String {
        guard let first = LocalDateTime(start, in: zone), let last = LocalDateTime(end, in: zone) else { return "" }
        let ends = last.date == first.date ? clock(last) : "\(day(last.date)) \(clock(last))"
        return "\(day(first.date)) \(clock(first))–\(ends)"
    }

    /// A moment: `12月5日 周六 14:30`.
    static func moment(_ instant: Date, in zone: TimeZone) -> String {
        guard let local = LocalDateTime(instant, in: zone) else { return "" }
        return "\(day(local.date)) \(clock(local))"
    }

    /// `12月12日 周六`.
    static func day(_ date: LocalDate) -> String {
        "\(W.monthDay(month: date.month, day: date.day)) \(weekday(date.weekday))"
    }

    /// `14:30`.
    static func clock(_ local: LocalDateTime) -> String {
        "\(ChineseTime.pad(local.hour)):\(ChineseTime.pad(local.minute))"
    }

    static func weekday(_ day: Weekday) -> String { W.weekdays[day.rawValue - 1] }

    /// The registration window of every occurrence.
    static func window(_ fields: ActivityFields) -> String {
        let opens = fields.registrationOpensDaysBefore.map { W.windowOpens(days: $0) } ?? W.windowOnPublish
        let closes =
            fields.registrationClosesMinutesBefore == 0
            ? W.windowClosesAtStart : W.windowCloses(W.span(minutes: fields.registrationClosesMinutesBefore))
        return opens + W.clauseSeparator + closes
    }

    /// The recurrence in words from the RRULE and the series' start; `nil` for a single occurrence.
    static func recurrence(_ fields: ActivityFields) -> String? {
        guard let text = fields.recurrence else { return fields.rdates.isEmpty ? nil : W.irregular }
        guard let rule = try? RecurrenceRule(parsing: text), let start = fields.startTime else { return W.irregular }
        guard let pattern = pattern(rule, start: start) else { return W.irregular }
        switch rule.end {
        case .never: return pattern
        case .count(let count): return pattern + W.clauseSeparator + W.count(count)
        case .until(.date(let date)): return pattern + W.clauseSeparator + W.until(fullDate(date))
        case .until(.instant(let instant)):
            guard let local = LocalDateTime(instant, in: RecurrenceSet.defaultTimeZone) else { return pattern }
            return pattern + W.clauseSeparator + W.until(fullDate(local.date))
        }
    }

    /// `2026年12月31日`.
    static func fullDate(_ date: LocalDate) -> String { W.date(year: date.year, month: date.month, day: date.day) }

    /// "每月第二个周六"; `nil` for a rule too intricate to say in a few words (`BYSETPOS`, several months…).
    private static func pattern(_ rule: RecurrenceRule, start: LocalDateTime) -> String? {
        guard rule.bySetPosition.isEmpty else { return nil }
        let interval = rule.interval
        switch rule.frequency {
        case .daily:
            guard rule.byDay.isEmpty, rule.byMonthDay.isEmpty, rule.byMonth.isEmpty else { return nil }
            return interval == 1 ? W.daily : W.everyDays(interval)
        case .weekly:
            guard rule.byDay.allSatisfy({ $0.ordinal == nil }), rule.byMonthDay.isEmpty, rule.byMonth.isEmpty else { return nil }
            let days = rule.byDay.isEmpty ? [start.date.weekday] : Array(Set(rule.byDay.map(\.weekday))).sorted()
            let names = days.map(weekday).joined(separator: W.listSeparator)
            return interval == 1 ? W.weekly(names) : W.everyWeeks(interval, names)
        case .monthly:
            guard rule.byMonth.isEmpty, let days = monthDays(rule, start: start) else { return nil }
            return W.monthly(interval) + days
        case .yearly:
            let months = rule.byMonth.isEmpty ? [start.date.month] : rule.byMonth
            guard months.count == 1, rule.byDay.isEmpty else { return nil }
            let day = rule.byMonthDay.isEmpty ? start.date.day : rule.byMonthDay[0]
            guard rule.byMonthDay.count <= 1, day > 0 else { return nil }
            return W.yearly(interval) + W.monthDay(month: months[0], day: day)
        }
    }

    /// The days of a month a monthly rule picks: `第二个周六`, `最后一个周日`, `15日`, `最后一天`.
    private static func monthDays(_ rule: RecurrenceRule, start: LocalDateTime) -> String? {
        if !rule.byDay.isEmpty {
            guard rule.byMonthDay.isEmpty else { return nil }
            return rule.byDay.map { selector in
                let name = weekday(selector.weekday)
                guard let ordinal = selector.ordinal else { return W.every(name) }
                if ordinal == -1 { return W.last(name) }
                return ordinal > 0 ? W.nth(ordinalText(ordinal), name) : W.nthLast(ordinalText(-ordinal), name)
            }.joined(separator: W.listSeparator)
        }
        let days = rule.byMonthDay.isEmpty ? [start.date.day] : rule.byMonthDay
        guard days.allSatisfy({ $0 > 0 || $0 == -1 }) else { return nil }
        return days.map { $0 == -1 ? W.lastDay : W.dayOfMonth($0) }.joined(separator: W.listSeparator)
    }

    private static func ordinalText(_ ordinal: Int) -> String {
        ordinal <= W.ordinals.count ? W.ordinals[ordinal - 1] : String(ordinal)
    }
}
