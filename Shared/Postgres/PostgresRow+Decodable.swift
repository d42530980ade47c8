import Foundation
import Models

extension PostgresRow {
    /// How a property name finds its column.
    public enum KeyDecoding: Sendable {
        /// The column named exactly like the property (or its `CodingKey`).
        case useColumnNames
        /// `createdAt` reads `created_at` (and still `createdAt` if that column exists).
        case convertFromSnakeCase
    }

    /// The column a property named `name` reads under ``KeyDecoding/convertFromSnakeCase``.
    public static func snakeCaseColumn(for name: String) -> String { snakeCased(name) }

    /// Decodes the row into a `Decodable` type, a property per column.
    ///
    /// Properties of a type the driver knows (``PostgresDecodable``) read their column directly; any
    /// other `Decodable` property reads a `json`/`jsonb` column. Errors name the column and the type.
    public func decode<T: Decodable>(_ type: T.Type, keyDecoding: KeyDecoding = .convertFromSnakeCase) throws -> T {
        try T(from: PostgresRowDecoder(row: self, keyDecoding: keyDecoding))
    }
}

/// Lowercases `camelCase` into `snake_case`: `createdAt` → `created_at`, `userID` → `user_id`,
/// `householdIDs` → `household_ids` (an acronym's plural `s` stays with it).
func snakeCased(_ name: String) -> String {
    var result = ""
    let characters = Array(name)
    for (index, character) in characters.enumerated() {
        if character.isUppercase, index > 0 {
            let previous = characters[index - 1]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            let afterNext = index + 2 < characters.count ? characters[index + 2] : nil
            let acronymPlural = next == "s" && (afterNext == nil || afterNext?.isUppercase == true)
            let startsWord = next?.isLowercase == true && !acronymPlural
            if previous.isLowercase || previous.isNumber || (previous.isUppercase && startsWord) { result += "_" }
        }
        result += character.lowercased()
    }
    return result
}

private struct PostgresRowDecoder: Decoder {
    let row: PostgresRow
    let keyDecoding: PostgresRow.KeyDecoding
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(RowContainer<Key>(row: row, keyDecoding: keyDecoding))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch(
            [Any].self,
            .init(codingPath: codingPath, debugDescription: "a row decodes into a struct or a single value")
        )
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { FirstColumnContainer(row: row) }
}

/// Reads a value of any supported type from one column.
private func decodeValue<T: Decodable>(_ type: T.Type, row: PostgresRow, column: Int) throws -> T {
    if let known = T.self as? any PostgresDecodable.Type {
        return try decodeKnown(known, row: row, column: column) as! T
    }
    let name = row.result.columnName(column)
    let columnType = row.result.columnType(column)
    guard columnType == .json || columnType == .jsonb else {
        throw PostgresDecodingError(column: name, columnType: columnType, expectedType: "\(T.self)", failure: .typeMismatch)
    }
    guard var bytes = row.bytes(column) else {
        throw PostgresDecodingError(column: name, columnType: columnType, expectedType: "\(T.self)", failure: nil)
    }
    if columnType == .jsonb { bytes = UnsafeRawBufferPointer(rebasing: bytes.dropFirst()) }
    do {
        return try LinliJSON.makeDecoder().decode(T.self, from: Data(bytes))
    } catch {
        throw PostgresDecodingError(column: name, columnType: columnType, expectedType: "\(T.self)", failure: .malformed)
    }
}

private func decodeKnown<P: PostgresDecodable>(_ type: P.Type, row: PostgresRow, column: Int) throws -> P {
    try row.decodeColumn(column, as: type)
}

private struct RowContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let row: PostgresRow
    let keyDecoding: PostgresRow.KeyDecoding
    var codingPath: [any CodingKey] { [] }

    var allKeys: [Key] { row.result.columns.compactMap { Key(stringValue: $0) } }

    private func column(for key: Key) -> Int? {
        if let exact = row.result.columnIndex(of: key.stringValue) { return exact }
        guard keyDecoding == .convertFromSnakeCase else { return nil }
        return row.result.columnIndex(of: snakeCased(key.stringValue))
    }

    private func requireColumn(_ key: Key) throws -> Int {
        guard let column = column(for: key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: [key], debugDescription: "the result has no column '\(key.stringValue)'"))
        }
        return column
    }

    func contains(_ key: Key) -> Bool { column(for: key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { row.isNull(try requireColumn(key)) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decodeValue(type, row: row, column: try requireColumn(key))
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decodeValue(type, row: row, column: try requireColumn(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decodeValue(type, row: row, column: try requireColumn(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decodeValue(type, row: row, column: try requireColumn(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decodeValue(type, row: row, column: try requireColumn(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decodeValue(type, row: row, column: try requireColumn(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decodeValue(type, row: row, column: try requireColumn(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decodeValue(type, row: row, column: try requireColumn(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decodeValue(type, row: row, column: try requireColumn(key)) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw DecodingError.typeMismatch(type, .init(codingPath: [key], debugDescription: "nested values come from json columns"))
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: [key], debugDescription: "arrays come from array or json columns"))
    }
    func superDecoder() throws -> any Decoder { PostgresRowDecoder(row: row, keyDecoding: keyDecoding) }
    func superDecoder(forKey key: Key) throws -> any Decoder { PostgresRowDecoder(row: row, keyDecoding: keyDecoding) }
}

/// Decodes a whole row as one value taken from its first column (`SELECT count(*)` into `Int`).
private struct FirstColumnContainer: SingleValueDecodingContainer {
    let row: PostgresRow
    var codingPath: [any CodingKey] { [] }
    func decodeNil() -> Bool { row.isNull(0) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type, row: row, column: 0) }
}
