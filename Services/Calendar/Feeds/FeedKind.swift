import Postgres

/// Whose activities a feed shows (`calendar.feed_keys.kind`): a compound's, a theme's, or a resident's sign-ups.
enum FeedKind: String, Codable, Sendable, CaseIterable, PostgresEncodable, PostgresDecodable {
    case compound
    case theme
    case resident
}
