import CalendarCore
import Foundation
import Testing

@Suite("Recurrence sets: COUNT, UNTIL, RDATE, EXDATE and windows")
struct RecurrenceSetTests {
    @Test func countAndUntilAtTheSameMomentGiveTheSameInstances() throws {
        // 09:00 in Shanghai is 01:00 UTC.
        let counted = try Fixture.set("FREQ=DAILY;COUNT=3", start: "2025-03-01 09:00")
        let untilInstant = try Fixture.set("FREQ=DAILY;UNTIL=20250303T010000Z", start: "2025-03-01 09:00")
        let untilDate = try Fixture.set("FREQ=DAILY;UNTIL=20250303", start: "2025-03-01 09:00")
        let expected = ["2025-03-01 09:00", "2025-03-02 09:00", "2025-03-03 09:00"]
        #expect(try Fixture.starts(counted, from: "2025-01-01", to: "2026-01-01") == expected)
        #expect(try Fixture.starts(untilInstant, from: "2025-01-01", to: "2026-01-01") == expected)
        #expect(try Fixture.starts(untilDate, from: "2025-01-01", to: "2026-01-01") == expected)
    }

    @Test func untilOneSecondEarlierDropsTheLastInstance() throws {
        let set = try Fixture.set("FREQ=DAILY;UNTIL=20250303T005959Z", start: "2025-03-01 09:00")
        #expect(try Fixture.starts(set, from: "2025-01-01", to: "2026-01-01") == ["2025-03-01 09:00", "2025-03-02 09:00"])
    }

    @Test func exdateRemovesAnInstanceButStillCountsTowardsCount() throws {
        let set = try Fixture.set("FREQ=DAILY;COUNT=5", start: "2025-03-01 09:00", exdates: ["2025-03-03 09:00"])
        #expect(
            try Fixture.starts(set, from: "2025-01-01", to: "2026-01-01")
                == ["2025-03-01 09:00", "2025-03-02 09:00", "2025-03-04 09:00", "2025-03-05 09:00"]
        )
    }

    @Test func exdateAtAnotherTimeOfDayRemovesNothing() throws {
        let set = try Fixture.set("FREQ=DAILY;COUNT=2", start: "2025-03-01 09:00", exdates: ["2025-03-02 10:00"])
        #expect(try Fixture.starts(set, from: "2025-01-01", to: "2026-01-01") == ["2025-03-01 09:00", "2025-03-02 09:00"])
    }

    @Test func rdateAddsAnOccurrenceThatCountDoesNotInclude() throws {
        // The Mid-Autumn Festival 2025 falls on October 6 (lunar 8/15), which no Gregorian rule yields.
        let set = try Fixture.set("FREQ=MONTHLY;BYDAY=2SA;COUNT=2", start: "2025-09-13 09:00", rdates: ["2025-10-06 19:00"])
        #expect(
            try Fixture.starts(set, from: "2025-09-01", to: "2026-01-01")
                == ["2025-09-13 09:00", "2025-10-06 19:00", "2025-10-11 09:00"]
        )
    }

    @Test func rdateOnARuleInstanceIsNotDuplicatedAndExdateRemovesRdates() throws {
        let set = try Fixture.set(
            "FREQ=DAILY;COUNT=2",
            start: "2025-03-01 09:00",
            rdates: ["2025-03-02 09:00", "2025-03-08 09:00"],
            exdates: ["2025-03-08 09:00"]
        )
        #expect(try Fixture.starts(set, from: "2025-01-01", to: "2026-01-01") == ["2025-03-01 09:00", "2025-03-02 09:00"])
    }

    @Test func dtstartOutsideThePatternIsTheFirstOccurrenceAndCounts() throws {
        // 2025-03-04 is a Tuesday; the rule wants Saturdays.
        let set = try Fixture.set("FREQ=WEEKLY;BYDAY=SA;COUNT=3", start: "2025-03-04 09:00")
        #expect(
            try Fixture.starts(set, from: "2025-01-01", to: "2026-01-01")
                == ["2025-03-04 09:00", "2025-03-08 09:00", "2025-03-15 09:00"]
        )
    }

    @Test func theWindowIsHalfOpenAndOverlapCounts() throws {
        // Two-hour occurrences 09:00-11:00 each day.
        let set = try Fixture.set("FREQ=DAILY", start: "2025-03-01 09:00", duration: .seconds(7200))
        #expect(try Fixture.starts(set, from: "2025-03-02 10:00", to: "2025-03-03 09:00") == ["2025-03-02 09:00"])
        #expect(try Fixture.starts(set, from: "2025-03-02 11:00", to: "2025-03-03 09:01") == ["2025-03-03 09:00"])
        #expect(try Fixture.starts(set, from: "2025-02-01", to: "2025-03-01 09:00") == [])
    }

    @Test func aRuleWithoutEndIsExpandedOnlyUpToTheWindow() throws {
        let set = try Fixture.set("FREQ=WEEKLY", start: "2025-01-04 09:00")
        #expect(
            try Fixture.starts(set, from: "2035-03-01", to: "2035-04-01")
                == ["2035-03-03 09:00", "2035-03-10 09:00", "2035-03-17 09:00", "2035-03-24 09:00", "2035-03-31 09:00"]
        )
        let window = try Fixture.window("2025-01-01", "9999-12-31")
        #expect(throws: CalendarError.self) { try set.occurrences(in: window) }
        let error = try #require(throws: CalendarError.self) { try set.occurrences(in: window, limit: 100) }
        #expect(error.code == .tooManyOccurrences)
    }

    @Test func aRuleThatNeverMatchesEndsAtTheWindowAndRefusesAnEndlessWalk() throws {
        let never = try Fixture.set("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=3", start: "2025-01-01 09:00")
        #expect(try Fixture.starts(never, from: "2025-01-01", to: "2030-01-01") == ["2025-01-01 09:00"])
        let error = try #require(throws: CalendarError.self) {
            try never.occurrences(in: Fixture.window("2025-01-01", "9000-01-01"))
        }
        #expect(error.code == .expansionTooLong)
    }

    @Test func aYearOfADailyRuleExpandsWellUnderTenMilliseconds() throws {
        let set = try Fixture.set("FREQ=DAILY", start: "2025-01-01 09:00")
        let window = try Fixture.window("2025-01-01", "2026-01-01")
        var fastest = Duration.seconds(1)
        var count = 0
        for _ in 0..<5 {
            let elapsed = try ContinuousClock().measure { count = try set.occurrences(in: window).count }
            fastest = min(fastest, elapsed)
        }
        #expect(count == 365)
        #expect(fastest < .milliseconds(10), "a year of a daily rule took \(fastest)")
    }
}
