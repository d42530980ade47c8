import AnalyticsCity
import AnalyticsService
import Foundation
import Models
import Postgres
import Testing

@Suite("The COPY loader the benchmark uses")
struct LoaderTests {
    @Test func aLoadedCityAnswersLikeOneBuiltFromEvents() async throws {
        let env = try await AnalyticsTestEnvironment.make()
        let scale = CityScale(districts: 2, compounds: 30, households: 1_200, residents: 3_000, months: 3, attendances: 20_000, seed: 5)
        let report = try await CityLoader.load(scale, pool: env.pool, timeZone: env.configuration.timeZone)
        #expect(report.facts > scale.attendances)
        let from = "from=2000-01-01"
        let attendances = try await env.rows("/v1/metrics/attendances?\(from)")
        #expect(attendances.reduce(0) { $0 + (($1["value"] as? Double) ?? 0) } == Double(scale.attendances))
        // Unique residents a month, counted straight from the facts.
        let distinct = try await env.pool.query(
            """
            SELECT to_char(date_trunc('month', occurred_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM'), count(DISTINCT resident_id)
            FROM analytics.facts WHERE kind = 'attendance.recorded' GROUP BY 1
            """
        )
        let expected = Dictionary(uniqueKeysWithValues: try distinct.map { (try $0.decode(0, as: String.self), try $0.decode(1, as: Double.self)) })
        let unique = try await env.rows("/v1/metrics/unique-residents?\(from)")
        for row in unique {
            let month = String((row["ts"] as! String).prefix(7))
            #expect(row["value"] as? Double == expected[month] ?? 0, "\(month)")
        }
        #expect(expected.count == 3)
        // Events consumed afterwards add to the loaded rollups: a resident's second attendance of a month adds no unique resident.
        let activity = try #require(report.activities.first)
        let compound = CityGenerator.compounds(scale)[activity.compoundID - 1]
        let placement = Placement(areaPath: compound.areaPath, compoundID: compound.id, gridID: compound.gridID, buildingID: nil, householdID: 1)
        let event = { (id: Int) in
            AttendanceRecorded(
                attendanceID: id,
                activityID: activity.id,
                occurrenceStart: activity.start,
                themeID: activity.themeID,
                residentID: 1,
                placement: placement,
                channel: .walkIn,
                volunteerRole: nil,
                volunteerHours: 0,
                points: 0,
                at: activity.start
            )
        }
        let month = Buckets(timeZone: env.configuration.timeZone).label(activity.start).prefix(7)
        let seenBefore =
            try await env.pool.query(
                "SELECT count(*) FROM analytics.facts WHERE resident_id = 1 AND to_char(occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = \(String(month))"
            ).scalar(Int.self) ?? 0
        try await env.ingest([[event(50_000_001)], [event(50_000_002)]])
        let after = try await env.rows("/v1/metrics/unique-residents?\(from)")
        let total = try await env.rows("/v1/metrics/attendances?\(from)")
        #expect(total.reduce(0) { $0 + (($1["value"] as? Double) ?? 0) } == Double(scale.attendances + 2))
        let monthRow = after.first { ($0["ts"] as! String).hasPrefix(month) }
        #expect(monthRow?["value"] as? Double == (expected[String(month)] ?? 0) + (seenBefore == 0 ? 1 : 0))
    }
}
