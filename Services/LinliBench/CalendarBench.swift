import ArgumentParser
import CalendarService
import Foundation
import Logging

/// `linli-bench calendar`: a monthly theme fanned out to 1,075 compounds and a year of its occurrences,
/// a storm of 2,000 sign-ups for 200 seats, and a compound's feed of 500 occurrences, all through the
/// service's router (middleware, bearer tokens, JSON) on a durable PostgreSQL.
struct CalendarBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "The calendar: theme fan-out and a year of occurrences, a registration storm, feed latency."
    )

    @OptionGroup var options: BenchOptions
    @Option(help: "Compounds the theme reaches.") var compounds = 1_075
    @Option(help: "Concurrent sign-ups in each storm.") var attempts = 2_000
    @Option(help: "Seats in the storm's activity.") var seats = 200
    @Option(help: "Storms to run, each on a new activity: the first before the calendar's tables are analysed, the rest after.")
    var storms = 4
    @Option(help: "Feed requests to time.") var feedRequests = 500
    @Option(help: "Connections in the service's pool.") var poolSize = 16

    func run() async throws {
        let context = try await CalendarBenchContext.make(connectionString: try options.connectionString, poolSize: poolSize)
        var report = BenchReport(
            name: "calendar",
            title: "Calendar service (through its router, 2 cores, synchronous_commit on)",
            header: ["measurement", "result", "target"]
        )
        var json: [String: Double] = [:]
        let (fanOut, storms, feed) = try await context.running {
            try await context.seed(compounds: compounds, residents: attempts)
            let fanOut = try await context.themeFanOut(compounds: compounds)
            var storms: [CalendarBenchContext.Storm] = []
            for round in 0..<self.storms {
                // The first storm meets tables the planner has no statistics for; the rest meet analysed
                // tables, where a plan that re-runs a `LIMIT … SKIP LOCKED` subquery once over-booked.
                if round == 1 { try await context.analyse() }
                let storm = try await context.registrationStorm(attempts: attempts, seats: seats, round: round, analysed: round > 0)
                guard storm.confirmed == seats, storm.waitlisted == attempts - seats, storm.seatsTaken == seats, storm.failures == 0 else {
                    throw ValidationError("over- or under-booking: \(storm)")
                }
                storms.append(storm)
            }
            return (fanOut, storms, try await context.feedLatency(requests: feedRequests))
        }
        json["theme_fanout_s"] = fanOut.fanOutSeconds
        json["theme_publish_all_s"] = fanOut.publishSeconds
        json["occurrences_materialised"] = Double(fanOut.occurrences)
        json["expansion_in_memory_ms"] = fanOut.expansionMilliseconds
        report.rows.append([
            "theme published to \(formatRate(Double(fanOut.drafts))) compounds (a draft each, one transaction)",
            String(format: "%.2f s", fanOut.fanOutSeconds), "≤ 5 s",
        ])
        report.rows.append([
            "all \(formatRate(Double(fanOut.drafts))) drafts published, 16 at a time: a year of weekly occurrences materialised",
            String(
                format: "%.2f s for %@ occurrences (%.1f ms an activity)",
                fanOut.publishSeconds,
                formatRate(Double(fanOut.occurrences)),
                fanOut.publishSeconds * 1_000 / Double(max(1, fanOut.drafts))
            ),
            "—",
        ])
        report.rows.append([
            "expanding the same \(formatRate(Double(fanOut.drafts))) series over a year in memory (CalendarCore)",
            String(format: "%.1f ms", fanOut.expansionMilliseconds), "—",
        ])
        for (kind, analysed) in [("fresh", false), ("analysed", true)] {
            let times = storms.filter { $0.analysed == analysed }.map(\.seconds).sorted()
            guard let median = times.isEmpty ? nil : times[times.count / 2], let slowest = times.last else { continue }
            json["storm_\(kind)_median_s"] = median
            json["storm_\(kind)_max_s"] = slowest
            report.rows.append([
                "\(formatRate(Double(attempts))) concurrent sign-ups for \(seats) seats on a new occurrence, tables \(analysed ? "analysed" : "never analysed") (\(times.count) storm\(times.count == 1 ? "" : "s"))",
                String(format: "median %.2f s, max %.2f s", median, slowest)
                    + "; every storm exactly \(seats) confirmed, \(formatRate(Double(attempts - seats))) waitlisted, no other answer",
                "≤ 5 s, no over-booking",
            ])
        }
        json["feed_p50_ms"] = feed.p50
        json["feed_p99_ms"] = feed.p99
        json["feed_max_ms"] = feed.max
        json["feed_bytes"] = Double(feed.bytes)
        report.rows.append([
            "feed of a compound with \(feed.occurrences) occurrences (\(feed.events) VEVENTs, \(formatRate(Double(feed.bytes))) bytes), \(feedRequests) requests one after another",
            String(format: "p50 %.2f ms, p99 %.2f ms, max %.2f ms", feed.p50, feed.p99, feed.max), "p99 ≤ 30 ms",
        ])
        report.notes.append(
            "Requests go through the service's router in process (request id, problem, metrics and body-limit middleware, JWT verification, JSON decoding and encoding); the socket and HTTP/1 parsing are not included. The pool has \(poolSize) connections; events are written for two subscribed queues (notifications, analytics), as in production."
        )
        report.notes.append(
            "Sign-ups claim a seat row with FOR UPDATE SKIP LOCKED under a FOR KEY SHARE lock on the occurrence, so they do not queue on one counter row; each is its own transaction with a synchronous commit, so the storm is bound by commits (group commit lets them share WAL flushes) and by the 2 cores shared with PostgreSQL."
        )
        report.notes.append(machineLine())
        report.json = json
        await context.shutdown()
        try report.publish(to: options.write)
    }
}
