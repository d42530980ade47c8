import Foundation
import Postgres

/// The SQL behind the festival page.
enum FestivalPageStore {
    /// The occurrences of published activities of the compounds starting in `from..<to`, by start.
    static func occurrences(compounds: [Int], from: Date, to: Date, on tx: isolated PostgresConnection) throws -> [OccurrenceRecord] {
        try tx.query(
            """
            SELECT \(unescaped: OccurrenceRecord.columns) FROM calendar.occurrences
            WHERE starts_at >= \(from) AND starts_at < \(to) AND activity_id IN (
                SELECT id FROM calendar.activities WHERE compound_id = ANY (\(compounds)) AND state = \(ActivityState.published))
            ORDER BY starts_at, id
            """
        ).decode(OccurrenceRecord.self)
    }

    /// The activities with these ids.
    static func activities(_ ids: [Int], on tx: isolated PostgresConnection) throws -> [ActivityRecord] {
        try tx.query("SELECT \(unescaped: ActivityRecord.columns) FROM calendar.activities WHERE id = ANY (\(ids))").decode(ActivityRecord.self)
    }

    /// The names of the compounds, by id.
    static func compoundNames(_ ids: [Int], on tx: isolated PostgresConnection) throws -> [String] {
        try tx.query("SELECT name FROM calendar.compounds WHERE id = ANY (\(ids)) ORDER BY id").column("name", as: String.self)
    }
}
