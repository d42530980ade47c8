import Foundation
import LinliTestSupport
import Models
import Postgres
import Testing

@testable import JobQueue

@Suite("Periodic jobs run each slot once, however many replicas schedule them")
struct PeriodicTests {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    func date(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    @Test func cronExpressionsFindTheirSlotsInShanghaiTime() throws {
        let nine = try CronSchedule("0 9 * * *")
        #expect(nine.next(after: date("2026-11-27T00:30:00Z")) == date("2026-11-27T01:00:00Z"))  // 09:00 +08:00
        #expect(nine.previous(atOrBefore: date("2026-11-27T00:30:00Z")) == date("2026-11-26T01:00:00Z"))
        let lastDayWeekend = try CronSchedule("30 14 * * SAT,SUN")
        #expect(lastDayWeekend.next(after: date("2026-11-27T00:00:00Z")) == date("2026-11-28T06:30:00Z"))
        let everyQuarter = try CronSchedule("*/15 8-9 1 JAN-MAR *")
        #expect(everyQuarter.next(after: date("2026-01-01T01:50:00Z")) == date("2026-02-01T00:00:00Z"))
        // Day of month and day of week both restricted: either matches (Vixie cron).
        let either = try CronSchedule("0 0 13 * FRI")
        #expect(either.next(after: date("2026-11-01T00:00:00Z")) == date("2026-11-05T16:00:00Z"))  // Fri 6 Nov 00:00 +08
        let leap = try CronSchedule("0 0 29 2 *")
        #expect(leap.next(after: date("2026-03-01T00:00:00Z")) == date("2028-02-28T16:00:00Z"))
        #expect(throws: CronScheduleError.self) { try CronSchedule("61 * * * *") }
        #expect(throws: CronScheduleError.self) { try CronSchedule("* * *") }
        #expect((try? CronSchedule("0 9 * * MON-FRI/0")) == nil)
    }

    struct Report: JobPayload {
        static let kind = "test.report"
        var slot: Date
    }

    @Test func aSlotRunsOnceWithThreeSchedulersRacing() async throws {
        let harness = try await QueueHarness.make()
        let periodic = PeriodicJob(
            name: "monthly-report",
            schedule: try CronSchedule("0 9 1 * *"),
            options: .init(queue: "reports")
        ) { Report(slot: $0) }
        let now = date("2026-12-01T01:00:20Z")  // 20 s after 09:00 on the 1st, Shanghai
        let inserted = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    try await harness.pool.withTransaction { tx in try periodic.enqueueDueSlot(now: now, on: tx) == nil ? 0 : 1 }
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(inserted == 1)
        #expect(try await harness.count("SELECT count(*) FROM queue.jobs WHERE kind = 'test.report'") == 1)
        // The next month's slot runs once more; an old slot seen again does nothing.
        let next = try await harness.pool.withTransaction { tx in try periodic.enqueueDueSlot(now: date("2027-01-01T02:00:00Z"), on: tx) }
        let stale = try await harness.pool.withTransaction { tx in try periodic.enqueueDueSlot(now: now, on: tx) }
        #expect(next != nil)
        #expect(stale == nil)
    }

    @Test func onFirstSightAnOldSlotIsRecordedNotRun() async throws {
        let harness = try await QueueHarness.make()
        let periodic = PeriodicJob(name: "daily", schedule: try CronSchedule("0 9 * * *"), options: .init(queue: "reports")) { Report(slot: $0) }
        let afternoon = date("2026-11-27T07:00:00Z")  // 15:00 Shanghai, six hours after the slot
        let first = try await harness.pool.withTransaction { tx in try periodic.enqueueDueSlot(now: afternoon, on: tx) }
        #expect(first == nil)
        let tomorrow = try await harness.pool.withTransaction { tx in try periodic.enqueueDueSlot(now: date("2026-11-28T07:00:00Z"), on: tx) }
        #expect(tomorrow != nil)  // a missed slot runs once when a replica comes back
    }
}
