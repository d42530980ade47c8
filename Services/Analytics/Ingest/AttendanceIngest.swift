import Foundation
import Models
import Postgres

/// The hot path: attendances become facts and update their rollups, a batch at a time, in four
/// statements whatever the batch's size.
///
/// Unique residents, households reached and active volunteers are counted in the rollups at the
/// first attendance of the subject in each day, week and month: the one with the lowest fact id in
/// the bucket, which is what the rebuild counts too. To make "first" exact under concurrency, the
/// transaction first takes advisory locks on every resident and household of the batch, in one
/// global order (residents before households, each by key), so two transactions never wait on each
/// other in a cycle; the check then sees every committed attendance of them. Rollup rows are
/// written in one order too (place, grain, bucket, dimension) for the same reason.
enum AttendanceIngest {
    static func record(_ events: [AttendanceRecorded], places: Places, buckets: Buckets, on tx: isolated PostgresConnection) throws {
        guard !events.isEmpty else { return }
        let placeIDs = try events.map { try places.id(for: $0.placement, on: tx) }
        let spans = events.map { buckets.spans(containing: $0.occurrenceStart) }
        try lock(events, on: tx)
        let inserted = try insertFacts(events, placeIDs: placeIDs, spans: spans, on: tx)
        guard !inserted.isEmpty else { return }  // every attendance was recorded before: nothing more to add
        let firsts = try firstsInBuckets(inserted, on: tx)
        try addToRollups(inserted, firsts: firsts, on: tx)
    }

    /// A fact this batch inserted, with what its rollups need.
    struct NewFact {
        let id: Int
        let event: AttendanceRecorded
        let placeID: Int
        let spans: Spans
    }

    /// Whether a fact was its subject's first in a grain's bucket.
    struct Firsts {
        var resident = false
        var household = false
        var volunteer = false
    }

    /// Takes the batch's advisory locks in global order, and relaxes the commit in the same round trip
    /// (see `EventConsumers.consume`).
    private static func lock(_ events: [AttendanceRecorded], on tx: isolated PostgresConnection) throws {
        let residents = Set(events.map { Int32($0.residentID % 2_147_483_647) }).sorted()
        let households = Set(events.map { Int32(($0.placement.householdID ?? 0) % 2_147_483_647) }).sorted()
        let classes = [Int32](repeating: 1001, count: residents.count) + [Int32](repeating: 1002, count: households.count)
        try tx.execute(
            """
            SELECT set_config('synchronous_commit', 'off', true),
                (SELECT count(pg_advisory_xact_lock(l.class, l.key)) FROM unnest(\(classes)::int4[], \(residents + households)::int4[]) AS l (class, key))
            """,
            prepared: true
        )
    }

    /// Inserts the batch's facts; an attendance already recorded (or twice in the batch) is skipped.
    private static func insertFacts(
        _ events: [AttendanceRecorded],
        placeIDs: [Int],
        spans: [Spans],
        on tx: isolated PostgresConnection
    ) throws -> [NewFact] {
        let ageBand = AgeBand.sql(birthYear: "r.birth_year", year: "x.year")
        let result = try tx.query(
            """
            INSERT INTO analytics.facts (kind, source_id, variant, occurred_at, recorded_at, place_id, building_id,
                household_id, resident_id, age_band, channel, theme_id, quantity, points)
            SELECT 'attendance.recorded', x.source, 0, x.occurred, x.recorded, x.place, x.building, x.household, x.resident,
                \(unescaped: ageBand), x.channel, x.theme, x.hours, x.points
            FROM unnest(\(events.map(\.attendanceID))::int8[], \(events.map(\.occurrenceStart))::timestamptz[],
                \(events.map(\.at))::timestamptz[], \(placeIDs.map { Int32($0) })::int4[],
                \(PostgresNullableArray(events.map(\.placement.buildingID)))::int8[],
                \(PostgresNullableArray(events.map(\.placement.householdID)))::int8[], \(events.map(\.residentID))::int8[],
                \(spans.map { Int32($0.year) })::int4[],
                \(events.map(\.channel.rawValue))::text[], \(PostgresNullableArray(events.map(\.themeID)))::int8[],
                \(events.map { max(0, $0.volunteerHours) })::float8[], \(events.map { Int32(clamping: $0.points) })::int4[])
                WITH ORDINALITY AS x (source, occurred, recorded, place, building, household, resident, year, channel, theme,
                    hours, points, n)
            LEFT JOIN analytics.residents r ON r.resident_id = x.resident
            ORDER BY x.n
            ON CONFLICT (kind, source_id, variant) DO NOTHING
            RETURNING id, source_id
            """,
            prepared: true
        )
        var index: [Int: Int] = [:]  // attendance id → its first position in the batch
        for (position, event) in events.enumerated() where index[event.attendanceID] == nil { index[event.attendanceID] = position }
        return try result.map { row in
            let position = index[try row.decode(1, as: Int.self)] ?? 0
            return NewFact(id: try row.decode(0, as: Int.self), event: events[position], placeID: placeIDs[position], spans: spans[position])
        }
        .sorted { $0.id < $1.id }
    }

    /// For each new fact and grain: whether no attendance of the same resident (household; resident
    /// as a volunteer) with a lower fact id falls in the same bucket. (Probes that stop at the first
    /// row found measured faster than one probe per subject over the window of all three buckets.)
    private static func firstsInBuckets(_ facts: [NewFact], on tx: isolated PostgresConnection) throws -> [[Firsts]] {
        var (ids, residents, households, lows, highs, volunteers) = ([Int](), [Int](), [Int?](), [Date](), [Date](), [Bool]())
        for fact in facts {
            for grain in Grain.allCases.indices {
                ids.append(fact.id)
                residents.append(fact.event.residentID)
                households.append(fact.event.placement.householdID)
                lows.append(fact.spans.starts[grain])
                highs.append(fact.spans.ends[grain])
                volunteers.append(fact.event.volunteerHours > 0)
            }
        }
        let earlier = "o.kind = 'attendance.recorded' AND o.occurred_at >= x.low AND o.occurred_at < x.high AND o.id < x.id"
        let result = try tx.query(
            """
            SELECT NOT EXISTS (SELECT 1 FROM analytics.facts o WHERE o.resident_id = x.resident AND \(unescaped: earlier)),
                x.household IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM analytics.facts o WHERE o.household_id = x.household AND \(unescaped: earlier)),
                x.volunteer
                    AND NOT EXISTS (SELECT 1 FROM analytics.facts o WHERE o.resident_id = x.resident AND o.quantity > 0 AND \(unescaped: earlier))
            FROM unnest(\(ids)::int8[], \(residents)::int8[], \(PostgresNullableArray(households))::int8[], \(lows)::timestamptz[],
                \(highs)::timestamptz[], \(volunteers)::bool[]) WITH ORDINALITY AS x (id, resident, household, low, high, volunteer, n)
            ORDER BY x.n
            """,
            prepared: true
        )
        let flags = try result.map { Firsts(resident: try $0.decode(0), household: try $0.decode(1), volunteer: try $0.decode(2)) }
        let grains = Grain.allCases.count
        return facts.indices.map { Array(flags[($0 * grains)..<(($0 + 1) * grains)]) }
    }

    /// The measures an attendance adds, in the order of its amounts.
    static let measures: [Measure] = [
        .attendances, .checkins, .volunteerHours, .volunteerAttendances, .uniqueResidents, .householdsAttended, .activeVolunteers,
    ]

    /// Sums the batch's deltas per rollup row and adds them in one statement.
    private static func addToRollups(_ facts: [NewFact], firsts: [[Firsts]], on tx: isolated PostgresConnection) throws {
        var rows: [RollupKey: RollupSum] = [:]
        rows.reserveCapacity(facts.count * 9)
        for (fact, firstByGrain) in zip(facts, firsts) {
            let event = fact.event
            let hours = max(0, event.volunteerHours)
            let checkin: Double = event.channel == .selfService || event.channel == .proxy ? 1 : 0
            var dimensions = [(Dimension.none, ""), (Dimension.channel, event.channel.rawValue)]
            if let theme = event.themeID { dimensions.append((.theme, String(theme))) }
            for grain in Grain.allCases.indices {
                let first = firstByGrain[grain]
                for (dimension, value) in dimensions {
                    // First-in-bucket counts are kept only on the row without an extra dimension.
                    let counted = dimension == .none
                    let amounts: [Double] = [
                        1, checkin, hours, hours > 0 ? 1 : 0, counted && first.resident ? 1 : 0, counted && first.household ? 1 : 0,
                        counted && first.volunteer ? 1 : 0,
                    ]
                    let key = RollupKey(placeID: fact.placeID, grain: grain, start: fact.spans.starts[grain], dimension: dimension, value: value)
                    if let index = rows.index(forKey: key) {
                        rows.values[index].add(amounts)
                    } else {
                        rows[key] = RollupSum(label: fact.spans.labels[grain], amounts: amounts)
                    }
                }
            }
        }
        // Batches take turns at the rollups: concurrent batches share hot rows (a compound's month), and
        // waiting on them row by row, each holding the rows it has written, builds convoys; a turn is
        // short (this statement, the jobs' completion and the commit), so one lock costs less.
        try tx.execute("SELECT pg_advisory_xact_lock(1003, 0)", prepared: true)
        try FactWriter.add(rows, measures: measures, on: tx)
    }
}
