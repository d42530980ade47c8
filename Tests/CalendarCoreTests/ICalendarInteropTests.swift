import CalendarCore
import Foundation
import Testing

/// The feed is read back by Python's `icalendar`, and its rules expanded by `python-dateutil`, neither of which
/// shares code or assumptions with this library.
@Suite("iCalendar feed read back by an independent parser")
struct ICalendarInteropTests {
    static let longNotes = String(repeating: "每月一主题；邻里互助, 共建共享\\ 欢迎居民参加！\n", count: 6)

    static func series() throws -> [EventSeries] {
        func make(_ uid: String, _ rule: String?, _ start: String, rdates: [String] = [], exdates: [String] = []) throws -> EventSeries {
            EventSeries(
                uid: uid,
                recurrence: try Fixture.set(rule, start: start, duration: .seconds(5400), rdates: rdates, exdates: exdates),
                details: EventDetails(title: "活动 \(uid)", notes: longNotes, url: URL(string: "https://linli.example/a/\(uid)"))
            )
        }
        return [
            try make(
                "last-saturday",
                "FREQ=MONTHLY;BYDAY=-1SA;UNTIL=20251231",
                "2025-01-25 09:00",
                rdates: ["2025-10-06 19:00"],
                exdates: ["2025-05-31 09:00"]
            )
            .cancelling(occurrenceAt: Fixture.at("2025-03-29 09:00"), sequence: 1)
            .overriding(OccurrenceOverride(recurrenceID: Fixture.at("2025-04-26 09:00"), start: Fixture.at("2025-04-27 14:00"))),
            try make("the-31st", "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=8", "2025-01-31 19:30"),
            try make("fortnightly", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=12", "2025-03-03 19:30", exdates: ["2025-03-19 19:30"]),
            try make("leap-day", "FREQ=YEARLY;COUNT=3", "2024-02-29 10:00"),
            try make("last-weekday", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;UNTIL=20251001T000000Z", "2025-01-31 16:00"),
            try make("second-saturday", "FREQ=MONTHLY;BYDAY=2SA", "2025-01-11 09:00"),
            try make("one-off", nil, "2025-06-01 08:00"),
        ]
    }

    @Test func pythonReadsTheFeedAndDateutilExpandsTheSameDates() throws {
        let series = try Self.series()
        let feed = try ICalendarWriter().feed(name: "幸福邻里·测试", series: series, now: Date(timeIntervalSince1970: 1_736_042_400))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("linli-feed-\(UUID().uuidString).ics").path
        try Data(feed.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        // 2024-01-01T00:00 to 2033-01-01T00:00 in Shanghai: three leap days.
        let window = try Fixture.window("2024-01-01", "2033-01-01")
        let report = try IndependentParser.parse(path: path, from: "20231231T160000Z", to: "20321231T160000Z")

        #expect(report.calname == "幸福邻里·测试")
        #expect(report.events.count == series.count + 2)
        #expect(Set(report.events.map(\.uid)) == Set(series.map(\.uid)))
        #expect(report.events.allSatisfy { $0.utcoffset == 28_800 })
        let overrides = report.events.filter { $0.recurrence_id != nil }
        #expect(overrides.map(\.uid) == ["last-saturday", "last-saturday"])
        #expect(Set(overrides.compactMap(\.recurrence_id)) == ["20250329T090000", "20250426T090000"])
        #expect(overrides.first { $0.recurrence_id == "20250329T090000" }?.status == "CANCELLED")
        #expect(overrides.first { $0.recurrence_id == "20250426T090000" }?.dtstart == "20250427T140000")

        for one in series {
            let event = try #require(report.events.first { $0.uid == one.uid && $0.recurrence_id == nil })
            #expect(event.summary == one.details.title)
            #expect(event.description == Self.longNotes + "\n\nhttps://linli.example/a/\(one.uid)")
            guard let rule = one.recurrence.rule else {
                #expect(event.rrule == nil)
                continue
            }
            let parsedRule = try RecurrenceRule(parsing: try #require(event.rrule))
            #expect(parsedRule == rule.anchoringUntil(in: Fixture.shanghai), "\(one.uid)")
            let ours = try one.recurrence.occurrences(in: window).filter { $0.startInstant >= window.lowerBound }.map(\.start.iCalendarText)
            #expect(ours.count > 2, "\(one.uid)")
            #expect(event.occurrences == ours, "\(one.uid)")
        }
    }
}
