import Postgres

/// Where an activity stands in its life (`calendar.activities.state`): a draft only its compound's
/// staff see, published to the residents, or cancelled (kept, so the people told learn of it).
enum ActivityState: String, Codable, Sendable, CaseIterable, PostgresEncodable, PostgresDecodable {
    case draft
    case published
    case cancelled
}

/// What an activity is (`calendar.activities.kind`): the compound's own, or a four-party council
/// meeting published from the concerns service (changed there, never here).
enum ActivityKind: String, Codable, Sendable, CaseIterable, PostgresEncodable, PostgresDecodable {
    case activity
    case councilMeeting = "council-meeting"
}
