import CalendarCore
import Foundation
import Testing

@Suite("Local dates and times: day numbers, weekdays, zones")
struct LocalDateTests {
    @Test func dayNumbersAndWeekdaysAgreeWithFoundationsCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        // Every 97th day from 1900 to 2100, crossing the non-leap 1900 and 2100 and the leap 2000.
        for dayNumber in stride(from: -25_567, through: 47_482, by: 97) {
            let date = try #require(LocalDate(dayNumber: dayNumber))
            let components = calendar.dateComponents(
                [.year, .month, .day, .weekday],
                from: Date(timeIntervalSince1970: TimeInterval(dayNumber) * 86_400)
            )
            #expect([date.year, date.month, date.day] == [components.year, components.month, components.day])
            // Foundation numbers Sunday 1 ... Saturday 7; ISO numbers Monday 1 ... Sunday 7.
            #expect(date.weekday.rawValue == (components.weekday! + 5) % 7 + 1)
            #expect(date.dayNumber == dayNumber)
        }
    }

    @Test func knownDates() throws {
        let date = try #require(LocalDate(year: 2025, month: 1, day: 25))
        #expect(date.weekday == .saturday)
        #expect(date.dayOfYear == 25)
        #expect(LocalDate(year: 2024, month: 12, day: 31)?.dayOfYear == 366)
        #expect(LocalDate(year: 2025, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 1900, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 9999, month: 12, day: 31)?.adding(days: 1) == nil)
        #expect(LocalDate(iCalendarText: "20250125") == date)
        #expect(LocalDate(iCalendarText: "2025012+") == nil)
        #expect(LocalDateTime(iCalendarText: "20250125T093000")?.description == "2025-01-25T09:30:00")
        #expect(LocalDateTime(iCalendarText: "20250125T246000") == nil)
    }

    @Test func shanghaiIsEightHoursAheadOfUTC() throws {
        let local = try Fixture.at("2025-01-25 09:00")
        #expect(local.instant(in: Fixture.shanghai) == Date(timeIntervalSince1970: 1_737_766_800))
        #expect(LocalDateTime(Date(timeIntervalSince1970: 1_737_766_800), in: Fixture.shanghai) == local)
    }

    @Test func rfcRulesForTimesSkippedOrRepeatedByAClockChange() throws {
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        // 2025-03-09 02:30 does not exist in New York; RFC 5545 reads it with the offset before the gap (-5 h).
        let skipped = try #require(LocalDateTime(year: 2025, month: 3, day: 9, hour: 2, minute: 30))
        #expect(skipped.instant(in: newYork) == Date(timeIntervalSince1970: 1_741_505_400))
        // 2025-11-02 01:30 happens twice; RFC 5545 means the first (-4 h).
        let repeated = try #require(LocalDateTime(year: 2025, month: 11, day: 2, hour: 1, minute: 30))
        #expect(repeated.instant(in: newYork) == Date(timeIntervalSince1970: 1_762_061_400))
    }

    @Test func aDailyRuleSkipsATimeThatDoesNotExist() throws {
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        let set = RecurrenceSet(
            start: try #require(LocalDateTime(year: 2025, month: 3, day: 8, hour: 2, minute: 30)),
            timeZone: newYork,
            duration: .seconds(600),
            rule: try RecurrenceRule(parsing: "FREQ=DAILY;COUNT=3")
        )
        let starts = try set.occurrences(in: Date(timeIntervalSince1970: 1_741_000_000)..<Date(timeIntervalSince1970: 1_742_000_000))
        #expect(starts.map(\.start.description) == ["2025-03-08T02:30:00", "2025-03-10T02:30:00", "2025-03-11T02:30:00"])
    }
}
