/// A one-dimensional array whose elements may be NULL, bound as a parameter.
///
/// `[Int]` binds as `int8[]` directly; use this when some elements are missing, as in batch
/// inserts through `unnest($1::text[], …)` where an optional column is absent for some rows.
public struct PostgresNullableArray<Element: PostgresArrayElement>: PostgresEncodable {
    /// The elements; `nil` is SQL NULL.
    public var elements: [Element?]

    /// Wraps the elements.
    public init(_ elements: [Element?]) { self.elements = elements }

    public static var postgresType: PostgresType { Element.postgresArrayType }

    public func encode(into buffer: inout [UInt8]) {
        buffer.appendBigEndian(Int32(1))  // dimensions
        buffer.appendBigEndian(Int32(elements.contains { $0 == nil } ? 1 : 0))
        buffer.appendBigEndian(Element.postgresElementType.oid)
        buffer.appendBigEndian(Int32(elements.count))
        buffer.appendBigEndian(Int32(1))  // lower bound
        for element in elements {
            guard let element else {
                buffer.appendBigEndian(Int32(-1))
                continue
            }
            buffer.appendLengthPrefixed { element.encode(into: &$0) }
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends a 4-byte big-endian length, then what `write` appends, and fills in the length.
    mutating func appendLengthPrefixed(_ write: (inout [UInt8]) -> Void) {
        let lengthOffset = count
        appendBigEndian(Int32(0))
        write(&self)
        let length = Int32(count - lengthOffset - 4)
        Swift.withUnsafeBytes(of: length.bigEndian) { bytes in
            for index in 0..<4 { self[lengthOffset + index] = bytes[index] }
        }
    }
}
