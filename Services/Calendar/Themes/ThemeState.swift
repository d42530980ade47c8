import Postgres

/// Where a monthly theme stands (`calendar.themes.state`): a draft its office still edits, or
/// published (pushed to the compounds of its scope as drafts of their own).
enum ThemeState: String, Codable, Sendable, CaseIterable, PostgresEncodable, PostgresDecodable {
    case draft
    case published
}
