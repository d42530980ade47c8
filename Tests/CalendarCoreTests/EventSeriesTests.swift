import CalendarCore
import Foundation
import Testing

@Suite("Series: per-occurrence overrides and \"this and following\" splits")
struct EventSeriesTests {
    /// Second Saturday of each month, 09:00-11:00, ten times from January 2025.
    static func classes(count: Int = 10) throws -> EventSeries {
        EventSeries(
            uid: "activity-7@linli.example",
            recurrence: try Fixture.set("FREQ=MONTHLY;BYDAY=2SA;COUNT=\(count)", start: "2025-01-11 09:00", duration: .seconds(7200)),
            details: EventDetails(title: "亲子课堂", location: "党群服务站", capacity: 30)
        )
    }

    @Test func anOverrideMovesRetitlesAndResizesOneOccurrence() throws {
        let series = try Self.classes().overriding(
            OccurrenceOverride(recurrenceID: Fixture.at("2025-03-08 09:00"), start: Fixture.at("2025-03-09 14:00"), title: "亲子课堂（改期）", capacity: 20)
        )
        let occurrences = try series.occurrences(in: Fixture.window("2025-02-01", "2025-05-01"))
        #expect(occurrences.map { Fixture.text($0.start) } == ["2025-02-08 09:00", "2025-03-09 14:00", "2025-04-12 09:00"])
        let moved = occurrences[1]
        #expect(Fixture.text(moved.recurrenceID) == "2025-03-08 09:00")
        #expect(moved.details.title == "亲子课堂（改期）")
        #expect(moved.details.capacity == 20)
        #expect(moved.details.location == "党群服务站")
        #expect(moved.endInstant == (try Fixture.instant("2025-03-09 16:00")))
        #expect(moved.isOverridden)
        #expect(occurrences[0].details.capacity == 30)
        #expect(!occurrences[0].isOverridden)
    }

    @Test func anOccurrenceMovedIntoOrOutOfTheWindowFollowsItsNewTime() throws {
        let series = try Self.classes().overriding(
            OccurrenceOverride(recurrenceID: Fixture.at("2025-03-08 09:00"), start: Fixture.at("2025-04-01 09:00"))
        )
        #expect(try series.occurrences(in: Fixture.window("2025-03-01", "2025-03-31")).isEmpty)
        let april = try series.occurrences(in: Fixture.window("2025-04-01", "2025-05-01"))
        #expect(april.map { Fixture.text($0.start) } == ["2025-04-01 09:00", "2025-04-12 09:00"])
    }

    @Test func aCancelledOccurrenceStaysVisibleAsCancelled() throws {
        let series = try Self.classes().cancelling(occurrenceAt: Fixture.at("2025-02-08 09:00"), sequence: 1)
        let occurrences = try series.occurrences(in: Fixture.window("2025-02-01", "2025-04-01"))
        #expect(occurrences.map(\.status) == [.cancelled, .confirmed])
    }

    @Test func anExdateWinsOverAnOverrideOfTheSameOccurrence() throws {
        var series = try Self.classes().overriding(
            OccurrenceOverride(recurrenceID: Fixture.at("2025-02-08 09:00"), start: Fixture.at("2025-02-09 09:00"), title: "改期")
        )
        series.recurrence.exdates = [try Fixture.at("2025-02-08 09:00")]
        let occurrences = try series.occurrences(in: Fixture.window("2025-02-01", "2025-04-01"))
        #expect(occurrences.map { Fixture.text($0.start) } == ["2025-03-08 09:00"])
    }

    @Test func anOverrideOfAStartTheRuleNeverGivesHasNoEffect() throws {
        let series = try Self.classes().overriding(
            OccurrenceOverride(recurrenceID: Fixture.at("2025-02-09 09:00"), start: Fixture.at("2025-02-20 09:00"))
        )
        let occurrences = try series.occurrences(in: Fixture.window("2025-02-01", "2025-03-01"))
        #expect(occurrences.map { Fixture.text($0.start) } == ["2025-02-08 09:00"])
    }

    @Test func splittingKeepsTheOccurrencesAndTheCount() throws {
        let original = try Self.classes(count: 10)
            .cancelling(occurrenceAt: Fixture.at("2025-02-08 09:00"), sequence: 1)
            .cancelling(occurrenceAt: Fixture.at("2025-06-14 09:00"), sequence: 1)
        let (ending, following) = try original.splitting(at: Fixture.at("2025-04-12 09:00"), newUID: "activity-8@linli.example")
        let year = try Fixture.window("2025-01-01", "2026-01-01")
        #expect(
            try ending.occurrences(in: year).map { Fixture.text($0.start) } == ["2025-01-11 09:00", "2025-02-08 09:00", "2025-03-08 09:00"]
        )
        // Ten second Saturdays from January end in October; the following series has the remaining seven.
        #expect(following.recurrence.rule?.end == .count(7))
        #expect(
            try following.occurrences(in: year).map { Fixture.text($0.start) } == [
                "2025-04-12 09:00", "2025-05-10 09:00", "2025-06-14 09:00", "2025-07-12 09:00", "2025-08-09 09:00",
                "2025-09-13 09:00", "2025-10-11 09:00",
            ]
        )
        // 2025-04-12 09:00 in Shanghai is 01:00 UTC; the ending series stops one second before.
        #expect(ending.recurrence.rule?.text == "FREQ=MONTHLY;UNTIL=20250412T005959Z;BYDAY=2SA")
        #expect(Set(ending.overrides.keys) == [try Fixture.at("2025-02-08 09:00")])
        #expect(Set(following.overrides.keys) == [try Fixture.at("2025-06-14 09:00")])
        #expect(ending.uid == original.uid && following.uid == "activity-8@linli.example")
        #expect(ending.sequence == original.sequence + 1 && following.sequence == 0)
    }

    @Test func splittingPartitionsRdatesAndExdatesAndKeepsAnOpenEnd() throws {
        var series = try Self.classes()
        series.recurrence.rule = try RecurrenceRule(parsing: "FREQ=MONTHLY;BYDAY=2SA")
        series.recurrence.rdates = [try Fixture.at("2025-01-29 19:00"), try Fixture.at("2025-10-06 19:00")]
        series.recurrence.exdates = [try Fixture.at("2025-02-08 09:00"), try Fixture.at("2025-05-10 09:00")]
        let (ending, following) = try series.splitting(at: Fixture.at("2025-03-08 09:00"), newUID: "next")
        #expect(ending.recurrence.rdates == [try Fixture.at("2025-01-29 19:00")])
        #expect(ending.recurrence.exdates == [try Fixture.at("2025-02-08 09:00")])
        #expect(following.recurrence.rdates == [try Fixture.at("2025-10-06 19:00")])
        #expect(following.recurrence.exdates == [try Fixture.at("2025-05-10 09:00")])
        #expect(following.recurrence.rule?.end == .never)
        #expect(following.recurrence.start == (try Fixture.at("2025-03-08 09:00")))
    }

    @Test func splittingAtTheFirstOrAtANonOccurrenceIsRefused() throws {
        let series = try Self.classes()
        let first = try #require(throws: CalendarError.self) { try series.splitting(at: Fixture.at("2025-01-11 09:00"), newUID: "x") }
        #expect(first.code == .splitAtFirstOccurrence)
        let friday = try #require(throws: CalendarError.self) { try series.splitting(at: Fixture.at("2025-02-07 09:00"), newUID: "x") }
        #expect(friday.code == .notAnOccurrence)
        let afterCount = try #require(throws: CalendarError.self) { try series.splitting(at: Fixture.at("2025-11-08 09:00"), newUID: "x") }
        #expect(afterCount.code == .notAnOccurrence)
    }
}
