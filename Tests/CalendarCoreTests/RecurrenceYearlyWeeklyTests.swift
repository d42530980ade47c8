import CalendarCore
import Testing

/// Expected dates are worked out by hand from a calendar (or copied from RFC 5545 §3.8.5.3's examples).
@Suite("Yearly, weekly and daily rules")
struct RecurrenceYearlyWeeklyTests {
    @Test func february29thRecursOnlyInLeapYears() throws {
        let set = try Fixture.set("FREQ=YEARLY", start: "2024-02-29 10:00")
        let starts = try Fixture.starts(set, from: "2024-01-01", to: "2034-01-01")
        #expect(starts == ["2024-02-29 10:00", "2028-02-29 10:00", "2032-02-29 10:00"])
    }

    @Test func countSkipsTheMissingFebruary29ths() throws {
        // RFC 5545: invalid dates "MUST NOT be counted"; 2100 is not a leap year, 2096 and 2104 are.
        let set = try Fixture.set("FREQ=YEARLY;COUNT=3", start: "2096-02-29 10:00")
        let starts = try Fixture.starts(set, from: "2090-01-01", to: "2200-01-01")
        #expect(starts == ["2096-02-29 10:00", "2104-02-29 10:00", "2108-02-29 10:00"])
    }

    @Test func rfcEveryThursdayInMarch() throws {
        let set = try Fixture.set("FREQ=YEARLY;BYMONTH=3;BYDAY=TH", start: "1997-03-13 09:00")
        let starts = try Fixture.starts(set, from: "1997-01-01", to: "1999-01-01")
        #expect(
            starts == [
                "1997-03-13 09:00", "1997-03-20 09:00", "1997-03-27 09:00", "1998-03-05 09:00", "1998-03-12 09:00",
                "1998-03-19 09:00", "1998-03-26 09:00",
            ]
        )
    }

    @Test func rfcTwentiethMondayOfTheYear() throws {
        let set = try Fixture.set("FREQ=YEARLY;BYDAY=20MO", start: "1997-05-19 09:00")
        let starts = try Fixture.starts(set, from: "1997-01-01", to: "2000-01-01")
        #expect(starts == ["1997-05-19 09:00", "1998-05-18 09:00", "1999-05-17 09:00"])
    }

    @Test func everyOtherWeekOnMondayAndWednesday() throws {
        let set = try Fixture.set("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE", start: "2025-03-03 19:30")
        let starts = try Fixture.starts(set, from: "2025-03-01", to: "2025-04-05")
        #expect(
            starts == [
                "2025-03-03 19:30", "2025-03-05 19:30", "2025-03-17 19:30", "2025-03-19 19:30", "2025-03-31 19:30",
                "2025-04-02 19:30",
            ]
        )
    }

    @Test func rfcWeekStartChangesWhichWeeksAnIntervalPicks() throws {
        let monday = try Fixture.set("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", start: "1997-08-05 09:00")
        let sunday = try Fixture.set("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", start: "1997-08-05 09:00")
        #expect(
            try Fixture.starts(monday, from: "1997-08-01", to: "1997-09-30")
                == ["1997-08-05 09:00", "1997-08-10 09:00", "1997-08-19 09:00", "1997-08-24 09:00"]
        )
        #expect(
            try Fixture.starts(sunday, from: "1997-08-01", to: "1997-09-30")
                == ["1997-08-05 09:00", "1997-08-17 09:00", "1997-08-19 09:00", "1997-08-31 09:00"]
        )
    }

    @Test func weeklyWithoutByDayRepeatsOnTheStartsWeekday() throws {
        let set = try Fixture.set("FREQ=WEEKLY;COUNT=3", start: "2025-01-04 09:00")
        #expect(try Fixture.starts(set, from: "2025-01-01", to: "2026-01-01") == ["2025-01-04 09:00", "2025-01-11 09:00", "2025-01-18 09:00"])
    }

    @Test func dailyLimitedToWeekendsInMay() throws {
        let set = try Fixture.set("FREQ=DAILY;BYMONTH=5;BYDAY=SA,SU", start: "2025-05-03 08:00")
        let starts = try Fixture.starts(set, from: "2025-01-01", to: "2026-01-01")
        #expect(
            starts == [
                "2025-05-03 08:00", "2025-05-04 08:00", "2025-05-10 08:00", "2025-05-11 08:00", "2025-05-17 08:00",
                "2025-05-18 08:00", "2025-05-24 08:00", "2025-05-25 08:00", "2025-05-31 08:00",
            ]
        )
    }

    @Test func everyThirdDayCrossesTheMonthEnd() throws {
        let set = try Fixture.set("FREQ=DAILY;INTERVAL=3;COUNT=4", start: "2025-02-25 07:00")
        #expect(
            try Fixture.starts(set, from: "2025-02-01", to: "2025-04-01")
                == ["2025-02-25 07:00", "2025-02-28 07:00", "2025-03-03 07:00", "2025-03-06 07:00"]
        )
    }
}
