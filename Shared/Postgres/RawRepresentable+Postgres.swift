/// A vocabulary (an enum or a `RawRepresentable` struct over `String`, such as a status or a channel)
/// is bound and read as its raw value, so its SQL text is the raw value and lives in one place.
/// Conform with an empty extension: `extension RegistrationStatus: PostgresEncodable, PostgresDecodable {}`.
extension PostgresEncodable where Self: RawRepresentable, RawValue == String {
    public static var postgresType: PostgresType { .unknown }
    public static var postgresFormat: PostgresFormat { .text }
    public func encode(into buffer: inout [UInt8]) { rawValue.encode(into: &buffer) }
}

extension PostgresDecodable where Self: RawRepresentable, RawValue == String {
    /// Reads the column as text; a value outside the vocabulary is `malformed`, never a silent default.
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws(PostgresDecodingFailure) -> Self {
        guard let value = Self(rawValue: try String.decode(from: bytes, type: type)) else { throw .malformed }
        return value
    }
}
