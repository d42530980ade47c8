import CalendarCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import Postgres
import ServiceKit

extension CalendarBenchContext {
    struct FeedLatency: Sendable {
        var p50 = 0.0
        var p99 = 0.0
        var max = 0.0
        var bytes = 0
        var events = 0
        var occurrences = 0
    }

    /// (c) A compound with ten weekly series of 50 (500 occurrences, five moved and five cancelled): its feed, timed.
    func feedLatency(requests: Int) async throws -> FeedLatency {
        let admin = try await headers(Self.admin)
        let today = LocalDateTime(Date(), in: RecurrenceSet.defaultTimeZone)!.date
        let url = try await client { client in
            for series in 0..<10 {
                let start = LocalDateTime(date: today.adding(days: 1 + series % 7)!, hour: 8 + series)!
                let id = try await client.execute(
                    uri: "/v1/activities",
                    method: .post,
                    headers: admin,
                    body: ByteBuffer(
                        string:
                            #"{"compoundID":\#(Self.feedCompound),"title":"兴趣班 \#(series)","notes":"每周一次，欢迎邻里参加。","location":"活动室 \#(series)","start":"\#(start)","durationMinutes":90,"recurrence":"FREQ=WEEKLY;COUNT=50","capacity":30}"#
                    )
                ) { response in try Self.decode(ID.self, response, expecting: .created).id }
                try await client.execute(uri: "/v1/activities/\(id)/publish", method: .post, headers: admin) { response in
                    _ = try Self.decode(ID.self, response, expecting: .ok)
                }
                let week = start.date.adding(days: 7 * (2 + series))!
                let occurrence = LocalDateTime(date: week, hour: start.hour)!
                if series % 2 == 0 {
                    let moved = LocalDateTime(date: week, hour: start.hour, minute: 30)!
                    try await client.execute(
                        uri: "/v1/activities/\(id)/occurrences/\(occurrence)",
                        method: .patch,
                        headers: admin,
                        body: ByteBuffer(string: #"{"start":"\#(moved)"}"#)
                    ) { response in _ = try Self.decode(ID.self, response, expecting: .ok) }
                } else {
                    try await client.execute(uri: "/v1/activities/\(id)/occurrences/\(occurrence)/cancel", method: .post, headers: admin) {
                        response in
                        _ = try Self.decode(ID.self, response, expecting: .ok)
                    }
                }
            }
            struct Link: Decodable { let url: String }
            return try await client.execute(
                uri: "/v1/feeds",
                method: .post,
                headers: admin,
                body: ByteBuffer(string: #"{"kind":"compound","id":\#(Self.feedCompound)}"#)
            ) { response in try Self.decode(Link.self, response, expecting: .ok).url }
        }
        let path = String(url.dropFirst("https://calendar.bench".count))
        var result = FeedLatency()
        result.occurrences = try await count(
            """
            SELECT count(*) FROM calendar.occurrences o JOIN calendar.activities a ON a.id = o.activity_id
            WHERE a.compound_id = \(Self.feedCompound)
            """
        )
        let (timings, text) = try await client { client in
            var timings: [Double] = []
            var text = ""
            for index in 0..<(requests + 20) {
                let began = ContinuousClock.now
                text = try await client.execute(uri: path, method: .get) { response in
                    guard response.status == .ok else { throw BenchRequestError(description: "feed: \(response.status)") }
                    return String(buffer: response.body)
                }
                let elapsed = (ContinuousClock.now - began).seconds * 1_000
                if index >= 20 { timings.append(elapsed) }  // the first 20 warm the caches
            }
            return (timings.sorted(), text)
        }
        result.bytes = text.utf8.count
        result.events = text.components(separatedBy: "BEGIN:VEVENT").count - 1
        result.p50 = timings[timings.count / 2]
        result.p99 = timings[min(timings.count - 1, Int(Double(timings.count) * 0.99))]
        result.max = timings.last ?? 0
        return result
    }
}
