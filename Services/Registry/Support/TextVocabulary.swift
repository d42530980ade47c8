import Postgres

/// A closed vocabulary the registry stores as text (an area's level, an organisation's kind, a
/// redemption's state): an enum whose raw values are exactly the strings in the database and in
/// JSON. It binds and reads as its raw value (Postgres' `RawRepresentable` defaults) and decodes
/// strictly from JSON, so no loose string stands in for it.
protocol TextVocabulary: RawRepresentable, CaseIterable, Codable, Sendable, PostgresEncodable, PostgresDecodable
where RawValue == String {}

extension TextVocabulary {
    /// Every raw value, in declaration order (for "must be one of …").
    static var names: [String] { allCases.map(\.rawValue) }
}
