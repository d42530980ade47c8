import CalendarCore
import Foundation
import Hummingbird
import HummingbirdTesting
import JobQueue
import Models
import NIOCore
import Postgres
import ServiceKit

extension CalendarBenchContext {
    /// The projection the calendar builds from the registry's events: `compounds` compounds, and `residents`
    /// residents (a household each) in the storm's compound. Published as events and consumed by the worker.
    func seed(compounds: Int, residents: Int) async throws {
        while try await count("SELECT count(*) FROM queue.subscriptions WHERE queue = 'calendar'") < 8 {
            try await Task.sleep(for: .milliseconds(20))
        }
        var events: [any DomainEvent] = (1...compounds).map { id in
            CompoundChanged(
                compoundID: id,
                name: "小区\(id)",
                areaPath: [1, 100 + id % 5, 1_000 + id % 40],
                gridIDs: [],
                hasPartyBranch: true,
                hasOwnersCommittee: true,
                hasPropertyCompany: true,
                hasRedProperty: false,
                revision: 1
            )
        }
        events.append(
            CompoundChanged(
                compoundID: Self.feedCompound,
                name: "邻市小区",
                areaPath: [2, 200, 2_000],
                gridIDs: [],
                hasPartyBranch: true,
                hasOwnersCommittee: false,
                hasPropertyCompany: false,
                hasRedProperty: false,
                revision: 1
            )
        )
        let stormPath = [1, 100 + Self.stormCompound % 5, 1_000 + Self.stormCompound % 40]
        for id in Self.residentIDs(residents) {
            let placement = Placement(areaPath: stormPath, compoundID: Self.stormCompound, householdID: id)
            events.append(HouseholdChanged(householdID: id, placement: placement, dwelling: "\(id)", memberIDs: [id], dissolved: false, revision: 1))
            events.append(
                ResidentRegistered(
                    residentID: id,
                    name: "居民\(id)",
                    phone: nil,
                    birthYear: nil,
                    placement: placement,
                    registeredAt: Date(),
                    revision: 1
                )
            )
        }
        for start in stride(from: 0, to: events.count, by: 500) {
            let batch = Array(events[start..<min(start + 500, events.count)])
            try await runtime.jobs.withTransaction { tx, outbox in
                for event in batch { try outbox.publish(event, on: tx) }
            }
        }
        try await drained()
    }

    static func residentIDs(_ count: Int) -> ClosedRange<Int> { 100_001...(100_000 + count) }

    /// The first Saturday of next month in Shanghai, at 09:00.
    static func firstSaturdayNextMonth() -> LocalDateTime {
        let today = LocalDateTime(Date(), in: RecurrenceSet.defaultTimeZone)!.date
        var day = LocalDate(year: today.month == 12 ? today.year + 1 : today.year, month: today.month % 12 + 1, day: 1)!
        while day.weekday != .saturday { day = day.adding(days: 1)! }
        return LocalDateTime(date: day, hour: 9)!
    }

    struct FanOut: Sendable {
        var drafts = 0
        var fanOutSeconds = 0.0
        var publishSeconds = 0.0
        var occurrences = 0
        var expansionMilliseconds = 0.0
    }

    /// (a) A city theme with a weekly rule for a year, to every compound; then every compound publishes its draft.
    func themeFanOut(compounds: Int) async throws -> FanOut {
        let start = Self.firstSaturdayNextMonth()
        let month = String(start.description.prefix(7))
        let admin = try await headers(Self.admin)
        var result = FanOut()
        let theme = try await client { client in
            try await client.execute(
                uri: "/v1/themes",
                method: .post,
                headers: admin,
                body: ByteBuffer(
                    string:
                        #"{"month":"\#(month)","title":"幸福邻里节","guidance":"每周六上午","capacity":50,"earnsPoints":true,"points":5,"suggestedStart":"\#(start)","durationMinutes":120,"recurrence":"FREQ=WEEKLY;COUNT=52","scopeAreaIDs":[1]}"#
                )
            ) { response in try Self.decode(ID.self, response, expecting: .created).id }
        }
        let began = ContinuousClock.now
        result.drafts = try await client { client in
            try await client.execute(uri: "/v1/themes/\(theme)/publish", method: .post, headers: admin) { response in
                try Self.decode(Count.self, response, expecting: .ok).compoundCount
            }
        }
        result.fanOutSeconds = (ContinuousClock.now - began).seconds
        guard result.drafts == compounds else { throw BenchRequestError(description: "\(result.drafts) drafts for \(compounds) compounds") }
        let drafts = try await runtime.pool.query("SELECT id FROM calendar.activities WHERE theme_id = \(theme) ORDER BY id").column(
            "id",
            as: Int.self
        )
        let publishing = ContinuousClock.now
        try await client { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, id) in drafts.enumerated() {
                    if index >= 16 { try await group.next() }
                    group.addTask {
                        try await client.execute(uri: "/v1/activities/\(id)/publish", method: .post, headers: admin) { response in
                            _ = try Self.decode(ID.self, response, expecting: .ok)
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        result.publishSeconds = (ContinuousClock.now - publishing).seconds
        result.occurrences = try await count("SELECT count(*) FROM calendar.occurrences")
        // The same expansion, in memory only.
        let rule = try RecurrenceRule(parsing: "FREQ=WEEKLY;COUNT=52")
        let window =
            start.instant(in: RecurrenceSet.defaultTimeZone)..<start.instant(in: RecurrenceSet.defaultTimeZone).addingTimeInterval(366 * 86_400)
        let expanding = ContinuousClock.now
        var expanded = 0
        for _ in 0..<compounds {
            expanded += try RecurrenceSet(start: start, duration: .seconds(7_200), rule: rule).occurrences(in: window).count
        }
        result.expansionMilliseconds = (ContinuousClock.now - expanding).seconds * 1_000
        guard expanded == compounds * 52 else { throw BenchRequestError(description: "expanded \(expanded)") }
        return result
    }

    struct ID: Decodable { let id: Int }
    struct Count: Decodable { let compoundCount: Int }

    static func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse, expecting status: HTTPResponse.Status) throws -> T {
        guard response.status == status else {
            throw BenchRequestError(description: "\(response.status): \(String(buffer: response.body))")
        }
        return try LinliJSON.makeDecoder().decode(T.self, from: Data(response.body.readableBytesView))
    }
}
