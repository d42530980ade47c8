import Foundation
import Models

/// A Swift value that can be bound to a `$n` parameter.
///
/// Conforming types write their PostgreSQL wire representation; ``SQL`` interpolation calls them,
/// so every interpolated value reaches the server as a parameter, never as SQL text.
public protocol PostgresEncodable: Sendable {
    /// The type the parameter is declared with; ``PostgresType/unknown`` lets the server infer it.
    static var postgresType: PostgresType { get }
    /// The wire format ``encode(into:)`` writes.
    static var postgresFormat: PostgresFormat { get }
    /// Appends the value's bytes (without a length prefix).
    func encode(into buffer: inout [UInt8])
}

extension PostgresEncodable {
    public static var postgresFormat: PostgresFormat { .binary }
}

/// A value that can also be an element of a bound PostgreSQL array (always in binary format).
public protocol PostgresArrayElement: PostgresEncodable {
    /// The array type, e.g. `int8[]` for `Int`.
    static var postgresArrayType: PostgresType { get }
    /// The element type written into the array header.
    static var postgresElementType: PostgresType { get }
}

extension PostgresArrayElement {
    public static var postgresElementType: PostgresType { postgresType }
}

extension String: PostgresArrayElement {
    /// Strings are sent as text of unknown type, so the server can coerce them to the column's type
    /// (an enum, `uuid`, `varchar`) as it does for a literal.
    public static var postgresType: PostgresType { .unknown }
    public static var postgresFormat: PostgresFormat { .text }
    public static var postgresArrayType: PostgresType { .textArray }
    public static var postgresElementType: PostgresType { .text }
    public func encode(into buffer: inout [UInt8]) { buffer.append(contentsOf: utf8) }
}

extension Substring: PostgresEncodable {
    public static var postgresType: PostgresType { .unknown }
    public static var postgresFormat: PostgresFormat { .text }
    public func encode(into buffer: inout [UInt8]) { buffer.append(contentsOf: utf8) }
}

extension Int: PostgresArrayElement {
    public static var postgresType: PostgresType { .int8 }
    public static var postgresArrayType: PostgresType { .int8Array }
    public func encode(into buffer: inout [UInt8]) { buffer.appendBigEndian(Int64(self)) }
}

extension Int64: PostgresArrayElement {
    public static var postgresType: PostgresType { .int8 }
    public static var postgresArrayType: PostgresType { .int8Array }
    public func encode(into buffer: inout [UInt8]) { buffer.appendBigEndian(self) }
}

extension Int32: PostgresArrayElement {
    public static var postgresType: PostgresType { .int4 }
    public static var postgresArrayType: PostgresType { .int4Array }
    public func encode(into buffer: inout [UInt8]) { buffer.appendBigEndian(self) }
}

extension Int16: PostgresArrayElement {
    public static var postgresType: PostgresType { .int2 }
    public static var postgresArrayType: PostgresType { .int2Array }
    public func encode(into buffer: inout [UInt8]) { buffer.appendBigEndian(self) }
}

extension Double: PostgresArrayElement {
    public static var postgresType: PostgresType { .float8 }
    public static var postgresArrayType: PostgresType { .float8Array }
    public func encode(into buffer: inout [UInt8]) { buffer.appendBigEndian(bitPattern) }
}

extension Float: PostgresArrayElement {
    public static var postgresType: PostgresType { .float4 }
    public static var postgresArrayType: PostgresType { .float4Array }
    public func encode(into buffer: inout [UInt8]) { buffer.appendBigEndian(bitPattern) }
}

extension Bool: PostgresArrayElement {
    public static var postgresType: PostgresType { .bool }
    public static var postgresArrayType: PostgresType { .boolArray }
    public func encode(into buffer: inout [UInt8]) { buffer.append(self ? 1 : 0) }
}

/// Microseconds between the Unix epoch and PostgreSQL's epoch, 2000-01-01 00:00:00 UTC.
let postgresEpochOffsetSeconds: Double = 946_684_800

extension Date: PostgresArrayElement {
    public static var postgresType: PostgresType { .timestamptz }
    public static var postgresArrayType: PostgresType { .timestamptzArray }
    public func encode(into buffer: inout [UInt8]) {
        let micros = ((timeIntervalSince1970 - postgresEpochOffsetSeconds) * 1_000_000).rounded()
        buffer.appendBigEndian(Int64(exactly: micros) ?? (micros > 0 ? Int64.max : Int64.min))
    }
}

extension UUID: PostgresArrayElement {
    public static var postgresType: PostgresType { .uuid }
    public static var postgresArrayType: PostgresType { .uuidArray }
    public func encode(into buffer: inout [UInt8]) {
        Swift.withUnsafeBytes(of: uuid) { buffer.append(contentsOf: $0) }
    }
}

extension Data: PostgresArrayElement {
    public static var postgresType: PostgresType { .bytea }
    public static var postgresArrayType: PostgresType { .byteaArray }
    public func encode(into buffer: inout [UInt8]) { buffer.append(contentsOf: self) }
}

extension Decimal: PostgresEncodable {
    /// Sent as text so no precision is lost on the way to `numeric`.
    public static var postgresType: PostgresType { .numeric }
    public static var postgresFormat: PostgresFormat { .text }
    public func encode(into buffer: inout [UInt8]) { buffer.append(contentsOf: description.utf8) }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public static var postgresType: PostgresType { Element.postgresArrayType }
    /// One-dimensional arrays in the binary array format: header, then a length-prefixed element each.
    public func encode(into buffer: inout [UInt8]) {
        buffer.appendBigEndian(Int32(1))  // dimensions
        buffer.appendBigEndian(Int32(0))  // no NULL elements
        buffer.appendBigEndian(Element.postgresElementType.oid)
        buffer.appendBigEndian(Int32(count))
        buffer.appendBigEndian(Int32(1))  // lower bound
        for element in self {
            buffer.appendLengthPrefixed { element.encode(into: &$0) }
        }
    }
}

/// JSON bound as `jsonb`: either an `Encodable` value, encoded with ``LinliJSON``, or raw JSON bytes.
/// Decoding a `json`/`jsonb` column as this type gives the raw JSON text.
public struct PostgresJSONB: PostgresArrayElement, PostgresDecodable, Equatable {
    /// The UTF-8 JSON text.
    public let json: [UInt8]

    /// Wraps JSON text that is already encoded.
    public init(rawJSON: some Collection<UInt8>) { self.json = Array(rawJSON) }

    /// Encodes a value with the shared JSON conventions (ISO 8601 dates).
    public init(encoding value: some Encodable) throws {
        self.json = Array(try LinliJSON.makeEncoder().encode(value))
    }

    public static var postgresType: PostgresType { .jsonb }
    public static var postgresArrayType: PostgresType { .jsonbArray }
    public func encode(into buffer: inout [UInt8]) {
        buffer.append(1)  // jsonb binary format version
        buffer.append(contentsOf: json)
    }

    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws(PostgresDecodingFailure) -> PostgresJSONB {
        switch type {
        case .json: return PostgresJSONB(rawJSON: bytes)
        case .jsonb:
            guard bytes.first == 1 else { throw .malformed }
            return PostgresJSONB(rawJSON: bytes.dropFirst())
        default: throw .typeMismatch
        }
    }
}
