import AnalyticsCity
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
        // Fresh attendance ids, after any an earlier run left (a reused city).
        let firstID =
            (try await pool.query("SELECT max(source_id) FROM analytics.facts WHERE kind = 'attendance.recorded'").scalar(Int?.self) ?? nil)
            .map { max($0 + 1, 20_000_001) } ?? 20_000_001
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
                    attendanceID: firstID + index,
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
        // A serving database has its working set in memory (the cold rounds have just emptied shared
        // buffers): the rollups, the indexes the first-in-period probes read and the residents. And
        // the measurement starts after a CHECKPOINT, not in the middle of one the load set off.
        try await pool.withConnection { connection in
            try connection.executeScript(
                """
                CREATE EXTENSION IF NOT EXISTS pg_prewarm;
                SELECT pg_prewarm(name::regclass) FROM unnest(ARRAY['analytics.rollups', 'analytics.rollups_pkey',
                    'analytics.facts_attendance_resident', 'analytics.facts_attendance_household', 'analytics.residents',
                    'analytics.residents_pkey', 'analytics.places', 'analytics.compounds']) AS name;
                CHECKPOINT;
                """
            )
        }
        let started = ContinuousClock.now
        for chunk in all {
            try await runtime.jobs.withTransaction { tx, outbox in
                _ = try outbox.publish(chunk, on: tx)
            }
        }
        // Index probes (one per partial index of the job states), not a scan: polling must not take the
        // cores the consumer is measured on.
        while try await pool.query(
            """
            SELECT EXISTS (SELECT 1 FROM queue.jobs WHERE queue = 'analytics' AND state = 'available')
                OR EXISTS (SELECT 1 FROM queue.jobs WHERE state = 'running' AND queue = 'analytics')
                OR EXISTS (SELECT 1 FROM queue.jobs WHERE queue = 'analytics' AND state IN ('scheduled', 'retryable'))
            """
        ).scalar(Bool.self) == true {
            try await Task.sleep(for: .milliseconds(200))
        }
        let seconds = (ContinuousClock.now - started).benchSeconds
        let after = try await pool.query("SELECT count(*) FROM analytics.facts").scalar(Int.self) ?? 0
        guard after - before == events else { throw BenchError("\(after - before) facts arrived for \(events) events") }
        return Double(events) / seconds
    }
}
