import Foundation

/// A Swift type that can be read from a column of a result (binary format).
public protocol PostgresDecodable: Sendable {
    /// Reads a non-NULL value of the given server type.
    static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws(PostgresDecodingFailure) -> Self
    /// The value for SQL NULL, or `nil` when NULL is not acceptable (every non-optional type).
    static var nullValue: Self? { get }
}

extension PostgresDecodable {
    public static var nullValue: Self? { nil }
}

/// Why one value could not be decoded; wrapped with the column's name in ``PostgresDecodingError``.
public enum PostgresDecodingFailure: Error, Sendable, Equatable {
    /// The column's type cannot be read as the requested Swift type.
    case typeMismatch
    /// The bytes are not a valid value of the column's type.
    case malformed
    /// The value does not fit (e.g. a `bigint` into `Int16`).
    case outOfRange
}

/// A column could not be decoded as the requested Swift type.
public struct PostgresDecodingError: Error, Sendable, CustomStringConvertible {
    /// The column's name, or its index when it was addressed by index.
    public let column: String
    /// The column's PostgreSQL type.
    public let columnType: PostgresType
    /// The Swift type asked for.
    public let expectedType: String
    /// What went wrong; `nil` means the column was NULL and the type is not optional.
    public let failure: PostgresDecodingFailure?

    public var description: String {
        switch failure {
        case nil: "column '\(column)' is NULL but \(expectedType) is not optional"
        case .typeMismatch: "column '\(column)' of type \(columnType) cannot be decoded as \(expectedType)"
        case .malformed: "column '\(column)' of type \(columnType) holds malformed data for \(expectedType)"
        case .outOfRange: "column '\(column)' of type \(columnType) does not fit in \(expectedType)"
        }
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(
        from bytes: UnsafeRawBufferPointer,
        type: PostgresType
    ) throws(PostgresDecodingFailure) -> Wrapped? {
        try Wrapped.decode(from: bytes, type: type)
    }
    public static var nullValue: Wrapped?? { .some(nil) }
}

extension String: PostgresDecodable {
    public static func decode(
        from bytes: UnsafeRawBufferPointer,
        type: PostgresType
    ) throws(PostgresDecodingFailure) -> String {
        if type.isTextual || type == .json { return String(decoding: bytes, as: UTF8.self) }
        switch type {
        case .jsonb:
            guard bytes.first == 1 else { throw .malformed }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes.dropFirst()), as: UTF8.self)
        case .uuid: return try UUID.decode(from: bytes, type: type).uuidString.lowercased()
        case .int2, .int4, .int8: return String(try Int.decode(from: bytes, type: type))
        case .numeric: return try PostgresNumeric.string(from: bytes)
        default: throw .typeMismatch
        }
    }
}

extension Int: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws(PostgresDecodingFailure) -> Int {
        var reader = BinaryReader(bytes)
        let value: Int?
        switch type {
        case .int8: value = reader.read(Int64.self).map(Int.init)
        case .int4: value = reader.read(Int32.self).map(Int.init)
        case .int2: value = reader.read(Int16.self).map(Int.init)
        case .oidType: value = reader.read(UInt32.self).map(Int.init)
        case .numeric:
            guard let exact = Int(try PostgresNumeric.string(from: bytes)) else { throw .outOfRange }
            value = exact
        default: throw .typeMismatch
        }
        guard let value, reader.remaining == 0 || type == .numeric else { throw .malformed }
        return value
    }
}

extension Int64: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws(PostgresDecodingFailure) -> Int64 {
        Int64(try Int.decode(from: bytes, type: type))
    }
}

extension Int32: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws(PostgresDecodingFailure) -> Int32 {
        guard let value = Int32(exactly: try Int.decode(from: bytes, type: type)) else { throw .outOfRange }
        return value
    }
}

extension Int16: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws(PostgresDecodingFailure) -> Int16 {
        guard let value = Int16(exactly: try Int.decode(from: bytes, type: type)) else { throw .outOfRange }
        return value
    }
}

extension Double: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws(PostgresDecodingFailure) -> Double {
        var reader = BinaryReader(bytes)
        switch type {
        case .float8:
            guard let bits = reader.read(UInt64.self) else { throw .malformed }
            return Double(bitPattern: bits)
        case .float4:
            guard let bits = reader.read(UInt32.self) else { throw .malformed }
            return Double(Float(bitPattern: bits))
        case .int2, .int4, .int8: return Double(try Int.decode(from: bytes, type: type))
        case .numeric:
            guard let value = Double(try PostgresNumeric.string(from: bytes)) else { throw .malformed }
            return value
        default: throw .typeMismatch
        }
    }
}

extension Float: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws(PostgresDecodingFailure) -> Float {
        Float(try Double.decode(from: bytes, type: type))
    }
}

extension Decimal: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws(PostgresDecodingFailure) -> Decimal {
        switch type {
        case .numeric:
            guard let value = Decimal(string: try PostgresNumeric.string(from: bytes)) else { throw .malformed }
            return value
        case .int2, .int4, .int8: return Decimal(try Int.decode(from: bytes, type: type))
        default: throw .typeMismatch
        }
    }
}

extension Bool: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws(PostgresDecodingFailure) -> Bool {
        guard type == .bool else { throw .typeMismatch }
        guard bytes.count == 1 else { throw .malformed }
        return bytes[0] != 0
    }
}

extension Date: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws(PostgresDecodingFailure) -> Date {
        var reader = BinaryReader(bytes)
        switch type {
        case .timestamptz, .timestamp:
            guard let micros = reader.read(Int64.self) else { throw .malformed }
            if micros == .max { return .distantFuture }
            if micros == .min { return .distantPast }
            return Date(timeIntervalSince1970: postgresEpochOffsetSeconds + Double(micros) / 1_000_000)
        case .date:
            guard let days = reader.read(Int32.self) else { throw .malformed }
            if days == .max { return .distantFuture }
            if days == .min { return .distantPast }
            return Date(timeIntervalSince1970: postgresEpochOffsetSeconds + Double(days) * 86_400)
        default: throw .typeMismatch
        }
    }
}

extension UUID: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws(PostgresDecodingFailure) -> UUID {
        switch type {
        case .uuid:
            guard bytes.count == 16 else { throw .malformed }
            var tuple: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &tuple) { $0.copyMemory(from: bytes) }
            return UUID(uuid: tuple)
        case let textual where textual.isTextual:
            guard let value = UUID(uuidString: String(decoding: bytes, as: UTF8.self)) else { throw .malformed }
            return value
        default: throw .typeMismatch
        }
    }
}

extension Data: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws(PostgresDecodingFailure) -> Data {
        guard type == .bytea else { throw .typeMismatch }
        return Data(bytes)
    }
}

extension Array: PostgresDecodable where Element: PostgresDecodable {
    /// Reads a one-dimensional array (an empty array has zero dimensions). NULL elements need optional elements.
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws(PostgresDecodingFailure) -> [Element] {
        var reader = BinaryReader(bytes)
        guard let dimensions = reader.read(Int32.self), reader.read(Int32.self) != nil,
            let elementOID = reader.read(UInt32.self)
        else { throw .malformed }
        if dimensions == 0 { return [] }
        guard dimensions == 1 else { throw .typeMismatch }
        guard let count = reader.read(Int32.self), reader.read(Int32.self) != nil, count >= 0 else { throw .malformed }
        let elementType = PostgresType(oid: elementOID)
        var result: [Element] = []
        result.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let length = reader.read(Int32.self) else { throw .malformed }
            if length < 0 {
                guard let null = Element.nullValue else { throw .typeMismatch }
                result.append(null)
                continue
            }
            guard let element = reader.readBytes(Int(length)) else { throw .malformed }
            result.append(try Element.decode(from: element, type: elementType))
        }
        return result
    }
}
