import AnalyticsService
import Foundation
import JobQueue
import Models
import Postgres
import ServiceKit

extension BenchService {
    /// Publishes attendance events for the loaded city and waits until the service has consumed them.
    /// - Returns: events per second, from the first publish to the empty queue.
    func measureIngest(
        events: Int,
        activities: [(id: Int, compoundID: Int, themeID: Int?, start: Date)],
        scale: CityScale,
        pool: PostgresPool
    ) async throws -> Double {
        let compounds = CityGenerator.compounds(scale)
        let (households, residents, n) = (scale.households, scale.residents, scale.compounds)
        var rng = SeededGenerator(seed: 99)
        var batch: [AttendanceRecorded] = []
        var all: [[AttendanceRecorded]] = []
        for index in 0..<events {
            let activity = activities[Int(rng.next() % UInt64(activities.count))]
            let roll = rng.next()
            let h = min(households - 1, activity.compoundID - 1 + n * Int(roll % UInt64(max(1, households / n))))
            let r = h + households * Int((roll >> 20) % UInt64((residents - 1 - h) / households + 1))
            let compound = compounds[h % n]
            let hours = CityGenerator.hours(roll >> 40)
            batch.append(
                AttendanceRecorded(
                    attendanceID: 20_000_001 + index,
                    activityID: activity.id,
                    occurrenceStart: activity.start,
                    themeID: activity.themeID,
                    residentID: r + 1,
                    placement: Placement(
                        areaPath: compound.areaPath,
                        compoundID: compound.id,
                        gridID: compound.gridID,
                        buildingID: compound.id * 100 + (h / n) % 8,
                        householdID: h + 1
                    ),
                    channel: CityGenerator.channel(roll >> 32),
                    volunteerRole: hours > 0 ? "服务" : nil,
                    volunteerHours: hours,
                    points: hours > 0 ? 10 : 5,
                    at: activity.start.addingTimeInterval(10_800)
                )
            )
            if batch.count == 1_000 {
                all.append(batch)
                batch = []
            }
        }
        if !batch.isEmpty { all.append(batch) }
        let before = try await pool.query("SELECT count(*) FROM analytics.facts").scalar(Int.self) ?? 0
        let started = ContinuousClock.now
        for chunk in all {
            try await runtime.jobs.withTransaction { tx, outbox in
                for event in chunk { try outbox.publish(event, on: tx) }
            }
        }
        while try await pool.query("SELECT count(*) FROM queue.jobs WHERE queue = 'analytics'").scalar(Int.self) ?? 0 > 0 {
            try await Task.sleep(for: .milliseconds(20))
        }
        let seconds = (ContinuousClock.now - started).benchSeconds
        let after = try await pool.query("SELECT count(*) FROM analytics.facts").scalar(Int.self) ?? 0
        guard after - before == events else { throw BenchError("\(after - before) facts arrived for \(events) events") }
        return Double(events) / seconds
    }
}
