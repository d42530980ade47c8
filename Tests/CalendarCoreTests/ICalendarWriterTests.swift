import CalendarCore
import Foundation
import Testing

@Suite("iCalendar feed: structure, properties and overrides")
struct ICalendarWriterTests {
    /// 2025-01-05T02:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_736_042_400)

    static func festival() throws -> EventSeries {
        try EventSeries(
            uid: "festival-2025@linli.example",
            recurrence: try Fixture.set(
                "FREQ=MONTHLY;BYDAY=-1SA;UNTIL=20251231",
                start: "2025-01-25 09:00",
                duration: .seconds(10_800),
                rdates: ["2025-10-06 19:00"],
                exdates: ["2025-05-31 09:00", "2025-02-22 09:00"]
            ),
            details: EventDetails(
                title: "幸福邻里节; 包饺子, 猜灯谜",
                location: "荷塘区 党群服务站",
                notes: "带上家人\n一起来",
                url: URL(string: "https://linli.example/activities/42")
            ),
            sequence: 3
        )
        .cancelling(occurrenceAt: Fixture.at("2025-03-29 09:00"), sequence: 4)
        .overriding(OccurrenceOverride(recurrenceID: Fixture.at("2025-04-26 09:00"), start: Fixture.at("2025-04-27 14:00"), sequence: 4))
    }

    static func feedLines() throws -> [String] {
        let feed = try ICalendarWriter().feed(name: "株洲·某小区", series: [festival()], now: now)
        #expect(feed.hasSuffix("\r\n"))
        #expect(!feed.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line break must be CRLF")
        // Unfold, then split into content lines.
        return feed.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").dropLast()
    }

    @Test func theCalendarHasItsHeaderAndTimeZone() throws {
        let lines = try Self.feedLines()
        #expect(lines.first == "BEGIN:VCALENDAR" && lines.last == "END:VCALENDAR")
        for expected in [
            "VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:株洲·某小区", "X-WR-TIMEZONE:Asia/Shanghai",
            "TZID:Asia/Shanghai", "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800", "TZNAME:CST",
        ] {
            #expect(lines.contains(expected), "missing \(expected)")
        }
        #expect(lines.contains { $0.hasPrefix("PRODID:") })
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 3)
    }

    @Test func theSeriesEventCarriesItsRuleAndDates() throws {
        let lines = try Self.feedLines()
        let master = Array(lines.drop { $0 != "BEGIN:VEVENT" }.prefix { $0 != "END:VEVENT" })
        for expected in [
            "UID:festival-2025@linli.example", "DTSTAMP:20250105T020000Z", "DTSTART;TZID=Asia/Shanghai:20250125T090000",
            "DTEND;TZID=Asia/Shanghai:20250125T120000", "SEQUENCE:3", "STATUS:CONFIRMED",
            #"SUMMARY:幸福邻里节\; 包饺子\, 猜灯谜"#, "LOCATION:荷塘区 党群服务站",
            #"DESCRIPTION:带上家人\n一起来\n\nhttps://linli.example/activities/42"#, "URL:https://linli.example/activities/42",
            // A date UNTIL is written as the UTC end of that day in Shanghai.
            "RRULE:FREQ=MONTHLY;UNTIL=20251231T155959Z;BYDAY=-1SA", "RDATE;TZID=Asia/Shanghai:20251006T190000",
            "EXDATE;TZID=Asia/Shanghai:20250222T090000,20250531T090000",
        ] {
            #expect(master.contains(expected), "missing \(expected)")
        }
        #expect(!master.contains { $0.hasPrefix("RECURRENCE-ID") })
    }

    @Test func overridesAreSeparateEventsWithTheirRecurrenceID() throws {
        let lines = try Self.feedLines()
        let events = lines.split(separator: "BEGIN:VEVENT").dropFirst().map { Array($0.prefix { $0 != "END:VEVENT" }) }
        let cancelled = try #require(events.first { $0.contains("RECURRENCE-ID;TZID=Asia/Shanghai:20250329T090000") })
        #expect(cancelled.contains("STATUS:CANCELLED"))
        #expect(cancelled.contains("UID:festival-2025@linli.example"))
        #expect(cancelled.contains("SEQUENCE:4"))
        #expect(cancelled.contains("DTSTART;TZID=Asia/Shanghai:20250329T090000"))
        let moved = try #require(events.first { $0.contains("RECURRENCE-ID;TZID=Asia/Shanghai:20250426T090000") })
        #expect(moved.contains("DTSTART;TZID=Asia/Shanghai:20250427T140000"))
        #expect(moved.contains("DTEND;TZID=Asia/Shanghai:20250427T170000"))
        #expect(moved.contains("STATUS:CONFIRMED"))
        #expect(!moved.contains { $0.hasPrefix("RRULE") })
    }

    @Test func anOverrideOfAnExcludedOccurrenceIsNotWritten() throws {
        let series = try Self.festival().overriding(OccurrenceOverride(recurrenceID: Fixture.at("2025-05-31 09:00"), title: "x"))
        let feed = try ICalendarWriter().feed(name: "x", series: [series], now: Self.now)
        #expect(!feed.contains("RECURRENCE-ID;TZID=Asia/Shanghai:20250531T090000"))
        #expect(feed.components(separatedBy: "BEGIN:VEVENT").count - 1 == 3)
    }

    @Test func aSeriesInAnotherZoneIsRefused() throws {
        var series = try Self.festival()
        series.recurrence.timeZone = try #require(TimeZone(identifier: "Europe/Berlin"))
        let error = try #require(throws: CalendarError.self) { try ICalendarWriter().feed(name: "x", series: [series], now: Self.now) }
        #expect(error.code == .unsupportedTimeZone)
    }
}
