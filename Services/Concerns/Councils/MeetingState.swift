import Postgres

/// Where a council meeting is: scheduled (its agenda may still grow) or held (attendance, quorum,
/// minutes and decisions are recorded). The raw values are the API's and the database's text.
enum MeetingState: String, Codable, Sendable, CaseIterable {
    case scheduled
    case held
}

extension MeetingState: PostgresEncodable, PostgresDecodable {}
