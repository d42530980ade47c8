import Foundation
import Postgres

/// Writes facts and adds their deltas to the rollups, inside the consuming event's transaction.
enum FactWriter {
    /// Inserts a fact unless one with its key exists.
    /// - Returns: whether it was new (a redelivered event finds its fact and must do nothing more).
    static func insert(_ fact: Fact, on tx: isolated PostgresConnection) throws -> Bool {
        try tx.execute(
            """
            INSERT INTO analytics.facts (kind, source_id, variant, occurred_at, recorded_at, place_id, building_id,
                household_id, resident_id, age_band, channel, theme_id, quantity, points)
            VALUES (\(fact.kind), \(fact.sourceID), \(fact.variant), \(fact.occurredAt), \(fact.recordedAt), \(fact.placeID),
                \(fact.buildingID), \(fact.householdID), \(fact.residentID), \(fact.ageBand), \(fact.channel), \(fact.themeID),
                \(fact.quantity), \(fact.points))
            ON CONFLICT (kind, source_id, variant) DO NOTHING
            """,
            prepared: true
        ) == 1
    }

    /// Inserts a fact and, if it is new, adds `deltas` to its place's rollups at every grain.
    /// - Returns: whether the fact was new.
    @discardableResult
    static func record(_ fact: Fact, deltas: [RollupDelta], buckets: Buckets, on tx: isolated PostgresConnection) throws -> Bool {
        guard try insert(fact, on: tx) else { return false }
        try add(deltas, placeID: fact.placeID, at: fact.occurredAt, buckets: buckets, on: tx)
        return true
    }

    /// Adds deltas to a place's rollups in the day, week and month containing `date`.
    static func add(_ deltas: [RollupDelta], placeID: Int, at date: Date, buckets: Buckets, on tx: isolated PostgresConnection) throws {
        guard !deltas.isEmpty else { return }
        let measures = Measure.allCases.filter { measure in deltas.contains { $0.amounts[measure] != nil } }
        let spans = buckets.spans(containing: date)
        var rows: [RollupKey: RollupSum] = [:]
        for grain in Grain.allCases.indices {
            for delta in deltas {
                let key = RollupKey(placeID: placeID, grain: grain, start: spans.starts[grain], dimension: delta.dimension, value: delta.value)
                let amounts = measures.map { delta.amounts[$0] ?? 0 }
                rows[key, default: RollupSum(label: spans.labels[grain], amounts: measures.map { _ in 0 })].add(amounts)
            }
        }
        try add(rows, measures: measures, on: tx)
    }

    /// Adds summed deltas (amounts of `measures`, in that order) to their rollup rows with one statement,
    /// writing the rows in key order.
    static func add(_ rows: [RollupKey: RollupSum], measures: [Measure], on tx: isolated PostgresConnection) throws {
        guard !rows.isEmpty, !measures.isEmpty else { return }
        let keys = rows.keys.sorted()
        var bindings = PostgresBindings()
        bindings.append(keys.map { Grain.allCases[$0.grain].rawValue })
        bindings.append(keys.map { rows[$0]!.label })
        bindings.append(keys.map { Int32($0.placeID) })
        bindings.append(keys.map(\.dimension.rawValue))
        bindings.append(keys.map(\.value))
        for index in measures.indices { bindings.append(keys.map { rows[$0]!.amounts[index] }) }
        try tx.execute(SQL(unsafeSQL: addStatement(measures), bindings: bindings), prepared: true)
    }

    /// The upsert of rollup rows: one row per key, each measure bound as an array (so the text depends
    /// on the measures only, and each set is prepared once per connection).
    static func addStatement(_ measures: [Measure]) -> String {
        let columns = measures.map(\.column)
        let arrays = columns.indices.map { "$\($0 + 6)::float8[]" }.joined(separator: ", ")
        return """
            INSERT INTO analytics.rollups (grain, bucket, place_id, dim, dim_value, \(columns.joined(separator: ", ")))
            SELECT u.grain, u.bucket::date, u.place_id, u.dim, u.dim_value, \(columns.map { "u." + $0 }.joined(separator: ", "))
            FROM unnest($1::text[], $2::text[], $3::int4[], $4::text[], $5::text[], \(arrays))
                AS u (grain, bucket, place_id, dim, dim_value, \(columns.joined(separator: ", ")))
            ON CONFLICT (grain, bucket, place_id, dim, dim_value) DO UPDATE SET
            \(columns.map { "\($0) = analytics.rollups.\($0) + EXCLUDED.\($0)" }.joined(separator: ", "))
            """
    }
}

/// A rollup row, ordered as rows are written (place, grain, bucket, dimension, value): every writer
/// locks the rows it adds to in this one order, so two transactions never wait on each other in a cycle.
struct RollupKey: Hashable, Comparable {
    let placeID: Int
    /// The grain's index in `Grain.allCases`.
    let grain: Int
    /// The bucket's start, as seconds since 1970 (orders like its label).
    let bucket: Int
    let dimension: Dimension
    let value: String

    init(placeID: Int, grain: Int, start: Date, dimension: Dimension, value: String) {
        self.placeID = placeID
        self.grain = grain
        self.bucket = Int(start.timeIntervalSince1970)
        self.dimension = dimension
        self.value = value
    }

    static func < (a: RollupKey, b: RollupKey) -> Bool {
        if a.placeID != b.placeID { return a.placeID < b.placeID }
        if a.grain != b.grain { return a.grain < b.grain }
        if a.bucket != b.bucket { return a.bucket < b.bucket }
        if a.dimension != b.dimension { return a.dimension.rawValue < b.dimension.rawValue }
        return a.value < b.value
    }
}

/// What to add to one rollup row: its bucket label and the summed amounts of the statement's measures.
struct RollupSum {
    let label: String
    var amounts: [Double]

    mutating func add(_ other: [Double]) {
        for index in amounts.indices { amounts[index] += other[index] }
    }
}
