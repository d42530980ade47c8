import AnalyticsService
import Foundation
import Models
import Postgres
import Synchronization

/// Loads a city-scale dataset straight into the analytics schema with COPY, then rebuilds the
/// rollups from the facts: what the benchmark measures against (events would take hours at 10⁷).
///
/// The same areas, compounds and channels as ``CityGenerator``; residents are spread over
/// households (resident r lives in household r mod H) and households over compounds (h mod N).
public enum CityLoader {
    /// How long each step took, in seconds.
    public struct Report: Sendable {
        public var steps: [(name: String, seconds: Double)] = []
        public var facts = 0
        public var activities: [(id: Int, compoundID: Int, themeID: Int?, start: Date)] = []

        public init() {}
    }

    /// A resident's birth year (or none), the same every time.
    static func birthYear(resident: Int) -> Int? {
        resident % 17 == 0 ? nil : 1940 + Int((UInt64(resident) &* 0x9E37_79B9_7F4A_7C15) >> 58 &+ UInt64(resident % 7) * 9) % 70
    }

    /// The city's activities: three a month in every compound, the first of them on the month's theme.
    public static func activities(
        _ scale: CityScale,
        now: Date = Date(),
        timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!
    ) -> [(id: Int, compoundID: Int, themeID: Int?, start: Date)] {
        let buckets = Buckets(timeZone: timeZone)
        let (start, end) = CityGenerator.window(months: scale.months, endingBefore: now, buckets: buckets)
        var activities: [(id: Int, compoundID: Int, themeID: Int?, start: Date)] = []
        var month = start
        var monthIndex = 0
        while month < end {
            for compound in 1...scale.compounds {
                for slot in 0..<3 {
                    let begins = month.addingTimeInterval(Double(2 + slot * 9 + compound % 5) * 86_400 + 9.5 * 3_600)
                    activities.append((activities.count + 1, compound, slot == 0 ? monthIndex + 1 : nil, begins))
                }
            }
            month = buckets.next(.month, after: month)
            monthIndex += 1
        }
        return activities
    }

    /// Loads the city; the schema must be migrated and empty.
    public static func load(
        _ scale: CityScale,
        pool: PostgresPool,
        now: Date = Date(),
        timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!,
        log: @Sendable (String) -> Void = { _ in }
    ) async throws -> Report {
        var report = Report()
        let buckets = Buckets(timeZone: timeZone)
        let (start, end) = CityGenerator.window(months: scale.months, endingBefore: now, buckets: buckets)
        func step(_ name: String, _ body: @Sendable (isolated PostgresConnection) async throws -> Void) async throws {
            let began = ContinuousClock.now
            try await pool.withConnection { connection in
                try connection.execute("SET maintenance_work_mem = '1GB'")
                try await body(connection)
            }
            let seconds = (ContinuousClock.now - began).seconds
            report.steps.append((name, seconds))
            log(String(format: "%@: %.1f s", name, seconds))
        }
        try await step("places, compounds, households, residents, heads") { connection in
            try loadTerritory(scale, start: start, on: connection)
        }
        let activities = Self.activities(scale, now: now, timeZone: timeZone)
        report.activities = activities
        let themes = Set(activities.compactMap(\.themeID)).count
        let chosen = activities
        try await step("themes and activities") { connection in
            try connection.copy(
                into: "analytics.themes",
                columns: ["theme_id", "title", "month", "revision"],
                rows: (0..<themes).lazy.map { index -> [(any PostgresEncodable)?] in
                    let begins = buckets.calendar.date(byAdding: .month, value: index, to: start) ?? start
                    return [
                        index + 1, CityGenerator.themeTitles[index % CityGenerator.themeTitles.count], String(buckets.label(begins).prefix(7)), 1,
                    ]
                }
            )
            try connection.copy(
                into: "analytics.activities",
                columns: ["activity_id", "theme_id", "revision"],
                rows: chosen.lazy.map { [$0.id, $0.themeID, 1] }
            )
        }
        try await step("drop the facts' secondary indexes") { connection in
            try connection.executeScript(
                """
                DROP INDEX analytics.facts_attendance_resident; DROP INDEX analytics.facts_attendance_household;
                ALTER TABLE analytics.facts DROP CONSTRAINT facts_kind_source_id_variant_key;
                """
            )
        }
        let loaded = Counter()
        try await step("COPY \(scale.attendances) attendance facts and the other facts") { connection in
            loaded.add(try loadFacts(scale, activities: chosen, end: end, buckets: buckets, on: connection))
        }
        report.facts = loaded.value
        try await step("build the facts' indexes") { connection in
            try connection.executeScript(
                """
                ALTER TABLE analytics.facts ADD CONSTRAINT facts_kind_source_id_variant_key UNIQUE (kind, source_id, variant);
                CREATE INDEX facts_attendance_resident ON analytics.facts (resident_id, occurred_at) WHERE kind = 'attendance.recorded';
                CREATE INDEX facts_attendance_household ON analytics.facts (household_id, occurred_at) WHERE kind = 'attendance.recorded';
                SELECT setval(pg_get_serial_sequence('analytics.facts', 'id'), (SELECT max(id) FROM analytics.facts));
                """
            )
            try connection.executeScript("VACUUM ANALYZE analytics.facts")
        }
        try await step("rebuild the rollups from the facts") { connection in
            try await connection.withTransaction { tx in try RollupRebuild.run(timeZone: timeZone, on: tx) }
            for table in ["rollups", "place_state", "places", "households", "residents"] {
                try connection.executeScript("VACUUM ANALYZE analytics.\(table)")
            }
        }
        return report
    }
}

/// A count shared with a `@Sendable` closure.
final class Counter: Sendable {
    private let total = Mutex(0)
    func add(_ amount: Int) { total.withLock { $0 += amount } }
    var value: Int { total.withLock { $0 } }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
