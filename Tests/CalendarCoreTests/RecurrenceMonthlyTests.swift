import CalendarCore
import Testing

/// Expected dates are worked out by hand from a calendar (or copied from RFC 5545 §3.8.5.3's examples).
@Suite("Monthly rules: month ends, nth weekdays, BYSETPOS")
struct RecurrenceMonthlyTests {
    @Test func theThirtyFirstSkipsMonthsWithoutOne() throws {
        let set = try Fixture.set("FREQ=MONTHLY;BYMONTHDAY=31", start: "2025-01-31 09:00")
        let starts = try Fixture.starts(set, from: "2025-01-01", to: "2026-01-01")
        #expect(
            starts == [
                "2025-01-31 09:00", "2025-03-31 09:00", "2025-05-31 09:00", "2025-07-31 09:00",
                "2025-08-31 09:00", "2025-10-31 09:00", "2025-12-31 09:00",
            ]
        )
    }

    @Test func aMonthlyRuleStartedOnThe31stDoesNotClampToShortMonths() throws {
        // No BYMONTHDAY: the day comes from DTSTART; February, April and June have no 31st and are skipped.
        let set = try Fixture.set("FREQ=MONTHLY;COUNT=4", start: "2025-01-31 09:00")
        let starts = try Fixture.starts(set, from: "2025-01-01", to: "2026-01-01")
        #expect(starts == ["2025-01-31 09:00", "2025-03-31 09:00", "2025-05-31 09:00", "2025-07-31 09:00"])
    }

    @Test func minusOnePicksTheLastDayInclusiveOfLeapFebruary() throws {
        let set = try Fixture.set("FREQ=MONTHLY;BYMONTHDAY=-1", start: "2024-01-31 18:00")
        let starts = try Fixture.starts(set, from: "2024-01-01", to: "2024-05-01")
        #expect(starts == ["2024-01-31 18:00", "2024-02-29 18:00", "2024-03-31 18:00", "2024-04-30 18:00"])
        let nextYear = try Fixture.starts(set, from: "2025-02-01", to: "2025-03-01")
        #expect(nextYear == ["2025-02-28 18:00"])
    }

    @Test func the29thAnd30thAreSkippedInAShortFebruary() throws {
        let set = try Fixture.set("FREQ=MONTHLY;BYMONTHDAY=29,30", start: "2025-01-29 09:00")
        let starts = try Fixture.starts(set, from: "2025-01-01", to: "2025-04-01")
        #expect(starts == ["2025-01-29 09:00", "2025-01-30 09:00", "2025-03-29 09:00", "2025-03-30 09:00"])
    }

    @Test func lastSaturdayOfTheMonth() throws {
        let set = try Fixture.set("FREQ=MONTHLY;BYDAY=-1SA", start: "2025-01-25 09:00")
        let starts = try Fixture.starts(set, from: "2025-01-01", to: "2025-07-01")
        #expect(
            starts == [
                "2025-01-25 09:00", "2025-02-22 09:00", "2025-03-29 09:00", "2025-04-26 09:00", "2025-05-31 09:00",
                "2025-06-28 09:00",
            ]
        )
    }

    @Test func secondSaturdayOfTheMonth() throws {
        let set = try Fixture.set("FREQ=MONTHLY;BYDAY=2SA", start: "2025-01-11 09:00")
        let starts = try Fixture.starts(set, from: "2025-01-01", to: "2025-07-01")
        #expect(
            starts == [
                "2025-01-11 09:00", "2025-02-08 09:00", "2025-03-08 09:00", "2025-04-12 09:00", "2025-05-10 09:00",
                "2025-06-14 09:00",
            ]
        )
    }

    @Test func lastWorkingDayOfTheMonthWithBySetPosMinusOne() throws {
        let set = try Fixture.set("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", start: "2025-01-31 16:00")
        let starts = try Fixture.starts(set, from: "2025-01-01", to: "2025-07-01")
        // May 31 2025 is a Saturday, so May's last working day is Friday the 30th.
        #expect(
            starts == [
                "2025-01-31 16:00", "2025-02-28 16:00", "2025-03-31 16:00", "2025-04-30 16:00", "2025-05-30 16:00",
                "2025-06-30 16:00",
            ]
        )
    }

    @Test func rfcSecondToLastMondayForSixMonths() throws {
        let set = try Fixture.set("FREQ=MONTHLY;COUNT=6;BYDAY=-2MO", start: "1997-09-22 09:00")
        let starts = try Fixture.starts(set, from: "1997-01-01", to: "2000-01-01")
        #expect(
            starts == [
                "1997-09-22 09:00", "1997-10-20 09:00", "1997-11-17 09:00", "1997-12-22 09:00", "1998-01-19 09:00",
                "1998-02-16 09:00",
            ]
        )
    }

    @Test func rfcThirdOfTuesdayWednesdayThursdayForThreeMonths() throws {
        let set = try Fixture.set("FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3", start: "1997-09-04 09:00")
        let starts = try Fixture.starts(set, from: "1997-01-01", to: "2000-01-01")
        #expect(starts == ["1997-09-04 09:00", "1997-10-07 09:00", "1997-11-06 09:00"])
    }

    @Test func rfcFridayThe13thWithDtstartExcluded() throws {
        let set = try Fixture.set("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", start: "1997-09-02 09:00", exdates: ["1997-09-02 09:00"])
        let starts = try Fixture.starts(set, from: "1997-01-01", to: "2001-01-01")
        #expect(starts == ["1998-02-13 09:00", "1998-03-13 09:00", "1998-11-13 09:00", "1999-08-13 09:00", "2000-10-13 09:00"])
    }
}
