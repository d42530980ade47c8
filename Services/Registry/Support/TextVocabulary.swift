import Postgres

/// A closed vocabulary the registry stores as text (an area's level, an organisation's kind, a
/// redemption's state): an enum whose raw values are exactly the strings in the database and in
/// JSON, so it binds, decodes from a column and codes as JSON without a loose string in between.
protocol TextVocabulary: RawRepresentable, CaseIterable, Codable, Sendable, PostgresEncodable, PostgresDecodable
where RawValue == String {}

extension TextVocabulary {
    /// Every raw value, in declaration order (for "must be one of …").
    static var names: [String] { allCases.map(\.rawValue) }

    static var postgresType: PostgresType { String.postgresType }
    static var postgresFormat: PostgresFormat { String.postgresFormat }
    func encode(into buffer: inout [UInt8]) { rawValue.encode(into: &buffer) }
    static var nullValue: Self? { nil }

    static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws(PostgresDecodingFailure) -> Self {
        guard let value = Self(rawValue: try String.decode(from: bytes, type: type)) else { throw .malformed }
        return value
    }
}
