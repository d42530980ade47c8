import Foundation
import Models
import Postgres

/// What the service keeps of an activity, to name it in registration messages.
struct ProjectedActivity: Decodable, Sendable {
    let id: Int
    let title: String
    let venue: String?
    let link: String

    static func find(_ id: Int, on tx: isolated PostgresConnection) throws -> ProjectedActivity? {
        try tx.query("SELECT id, title, venue, link FROM notify.activities WHERE id = \(id)").decode(ProjectedActivity.self).first
    }

    /// Records an activity as its latest event describes it (older revisions change nothing).
    static func upsert(_ activity: ActivitySummary, revision: Int, on tx: isolated PostgresConnection) throws {
        try tx.execute(
            """
            INSERT INTO notify.activities (id, compound_id, title, venue, starts_at, link, revision)
            VALUES (\(activity.activityID), \(activity.compoundID), \(activity.title), \(activity.venue), \(activity.startsAt),
                    \(activity.link), \(revision))
            ON CONFLICT (id) DO UPDATE SET compound_id = EXCLUDED.compound_id, title = EXCLUDED.title, venue = EXCLUDED.venue,
                starts_at = EXCLUDED.starts_at, link = EXCLUDED.link, revision = EXCLUDED.revision
            WHERE notify.activities.revision < EXCLUDED.revision
            """
        )
    }
}
