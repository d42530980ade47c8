import Foundation
import Postgres

/// The feeds' SQL: their secret keys, and the rows a feed is written from.
enum FeedStore {
    /// The active key for a subject, made on first request; `rotate` revokes the old one and makes another.
    static func issue(kind: FeedKind, subjectID: Int, rotate: Bool, by subject: String, on tx: isolated PostgresConnection) throws -> FeedKey {
        if rotate {
            try tx.execute(
                "UPDATE calendar.feed_keys SET revoked_at = now() WHERE kind = \(kind) AND subject_id = \(subjectID) AND revoked_at IS NULL"
            )
        }
        try tx.execute(
            """
            INSERT INTO calendar.feed_keys (key, kind, subject_id, created_by) VALUES (\(FeedKey.random()), \(kind), \(subjectID), \(subject))
            ON CONFLICT (kind, subject_id) WHERE revoked_at IS NULL DO NOTHING
            """
        )
        return try tx.query(
            "SELECT kind, subject_id, key FROM calendar.feed_keys WHERE kind = \(kind) AND subject_id = \(subjectID) AND revoked_at IS NULL"
        ).decode(FeedKey.self)[0]
    }

    /// The subject of an active key.
    static func find(_ key: String, on tx: isolated PostgresConnection) throws -> FeedKey? {
        try tx.query("SELECT kind, subject_id, key FROM calendar.feed_keys WHERE key = \(key) AND revoked_at IS NULL").decode(FeedKey.self).first
    }

    /// A compound's published and cancelled activities with an occurrence ending at or after `since`, by id.
    static func activities(compoundID: Int, since: Date, on tx: isolated PostgresConnection) throws -> [ActivityRecord] {
        try activities(where: "a.compound_id = \(compoundID)", since: since, on: tx)
    }

    /// The published and cancelled activities drafted from a theme with an occurrence ending at or after `since`, by id.
    static func activities(themeID: Int, since: Date, on tx: isolated PostgresConnection) throws -> [ActivityRecord] {
        try activities(where: "a.theme_id = \(themeID)", since: since, on: tx)
    }

    private static func activities(where filter: SQL, since: Date, on tx: isolated PostgresConnection) throws -> [ActivityRecord] {
        try tx.query(
            """
            SELECT \(unescaped: ActivityRecord.columns) FROM calendar.activities a
            WHERE \(filter) AND a.state <> \(ActivityState.draft)
              AND EXISTS (SELECT 1 FROM calendar.occurrences o WHERE o.activity_id = a.id AND o.ends_at >= \(since))
            ORDER BY a.id
            """
        ).decode(ActivityRecord.self)
    }

    /// A resident's registrations for occurrences ending at or after `since`, by start, with their occurrence,
    /// activity and override: what a resident's feed writes one event from each.
    static func signUps(residentID: Int, since: Date, on tx: isolated PostgresConnection) throws -> PostgresResult {
        try tx.query(
            """
            SELECT r.id, r.status, r.check_in_code, r.promoted_at IS NOT NULL AS promoted, o.starts_at, o.ends_at, o.cancelled,
                   a.id AS activity_id, a.title, a.venue_label, a.location, a.state, a.sequence, coalesce(v.sequence, 0) AS override_sequence,
                   coalesce(v.title, a.title) AS occurrence_title, coalesce(v.location, a.location) AS occurrence_location
            FROM calendar.registrations r
            JOIN calendar.occurrences o ON o.id = r.occurrence_id
            JOIN calendar.activities a ON a.id = o.activity_id
            LEFT JOIN calendar.overrides v ON v.activity_id = a.id AND v.recurrence_id = o.recurrence_id
            WHERE r.resident_id = \(residentID) AND o.ends_at >= \(since)
            ORDER BY o.starts_at, r.id
            """
        )
    }
}
