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

    /// The rollup statement: every measure column is bound as an array, so its text never varies and is prepared once.
    static let addStatement: String = {
        let columns = Measure.allCases.map(\.column)
        let arrays = columns.enumerated().map { "$\($0.offset + 6)::float8[]" }.joined(separator: ", ")
        return """
            INSERT INTO analytics.rollups (grain, bucket, place_id, dim, dim_value, \(columns.joined(separator: ", ")))
            SELECT g.grain, g.bucket::date, $1::int4, d.dim, d.dim_value, \(columns.map { "d." + $0 }.joined(separator: ", "))
            FROM unnest($2::text[], $3::text[]) AS g (grain, bucket)
            CROSS JOIN unnest($4::text[], $5::text[], \(arrays)) AS d (dim, dim_value, \(columns.joined(separator: ", ")))
            ON CONFLICT (grain, bucket, place_id, dim, dim_value) DO UPDATE SET
            \(columns.map { "\($0) = analytics.rollups.\($0) + EXCLUDED.\($0)" }.joined(separator: ", "))
            """
    }()

    /// Adds deltas to a place's rollups in the day, week and month containing `date`.
    static func add(_ deltas: [RollupDelta], placeID: Int, at date: Date, buckets: Buckets, on tx: isolated PostgresConnection) throws {
        guard !deltas.isEmpty else { return }
        var bindings = PostgresBindings()
        bindings.append(Int32(placeID))
        bindings.append(Grain.allCases.map(\.rawValue))
        bindings.append(Grain.allCases.map { buckets.label(buckets.start(of: $0, containing: date)) })
        bindings.append(deltas.map(\.dimension.rawValue))
        bindings.append(deltas.map(\.value))
        for measure in Measure.allCases { bindings.append(deltas.map { $0.amounts[measure] ?? 0 }) }
        try tx.execute(SQL(unsafeSQL: addStatement, bindings: bindings), prepared: true)
    }
}
