import CLibPQ
import Foundation

/// The rows a statement returned, read straight from libpq's result (binary format).
///
/// A result is immutable once received and independent of its connection, so it can be read on any
/// thread; the memory is released when the last reference goes.
public final class PostgresResult: @unchecked Sendable, RandomAccessCollection {
    let pointer: OpaquePointer
    /// The number of columns.
    public let columnCount: Int
    /// The number of rows.
    public let rowCount: Int

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
        self.columnCount = Int(PQnfields(pointer))
        self.rowCount = Int(PQntuples(pointer))
    }

    /// Rows affected by `INSERT`/`UPDATE`/`DELETE`/`COPY` (the count in the command tag), else 0.
    public var affectedRows: Int { PQcmdTuples(pointer).flatMap { Int(String(cString: $0)) } ?? 0 }

    /// Column names in order. (Read from libpq on demand: most results are read by position.)
    public var columns: [String] { (0..<columnCount).map(columnName) }

    /// Column types in order.
    public var columnTypes: [PostgresType] { (0..<columnCount).map(columnType) }

    /// The name of the column at a position (COPY results have none: empty).
    public func columnName(_ index: Int) -> String {
        PQfname(pointer, Int32(index)).map { String(cString: $0) } ?? ""
    }

    /// The type of the column at a position.
    public func columnType(_ index: Int) -> PostgresType { PostgresType(oid: PQftype(pointer, Int32(index))) }

    deinit { PQclear(pointer) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rowCount }
    public subscript(position: Int) -> PostgresRow { PostgresRow(result: self, index: position) }

    /// The index of a column by its exact name (the first, if several share it).
    public func columnIndex(of name: String) -> Int? {
        name.withCString { target in
            (0..<columnCount).first { index in PQfname(pointer, Int32(index)).map { strcmp($0, target) == 0 } ?? false }
        }
    }

    /// Decodes every row into a `Decodable` type (see ``PostgresRow/decode(_:keyDecoding:)``).
    public func decode<T: Decodable>(_ type: T.Type, keyDecoding: PostgresRow.KeyDecoding = .convertFromSnakeCase) throws -> [T] {
        try map { try $0.decode(type, keyDecoding: keyDecoding) }
    }

    /// Reads one column of every row.
    public func column<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> [T] {
        try map { try $0.decode(name, as: type) }
    }

    /// The single value of a one-row, one-column result (e.g. `SELECT count(*)`); `nil` if there is no row.
    public func scalar<T: PostgresDecodable>(_ type: T.Type = T.self) throws -> T? {
        guard rowCount > 0 else { return nil }
        return try self[0].decode(0, as: type)
    }
}

/// One row of a ``PostgresResult``.
public struct PostgresRow: Sendable {
    /// The result the row belongs to.
    public let result: PostgresResult
    /// The row's position in the result.
    public let index: Int

    /// Whether the column holds NULL.
    public func isNull(_ column: Int) -> Bool { PQgetisnull(result.pointer, Int32(index), Int32(column)) != 0 }

    /// Decodes the column at a position.
    public func decode<T: PostgresDecodable>(_ column: Int, as type: T.Type = T.self) throws -> T {
        guard column >= 0, column < result.columnCount else {
            throw PostgresDecodingError(
                column: "#\(column)",
                columnType: .unknown,
                expectedType: "\(T.self)",
                failure: .typeMismatch
            )
        }
        return try decodeColumn(column, as: type)
    }

    /// Decodes a float8 (or any number) column, `nil` for NULL: the generic `decode` specialised here,
    /// for loops over large results (a generic call from another module is not specialised).
    public func decodeDouble(_ column: Int) throws -> Double? { try decode(column, as: Double?.self) }

    /// Decodes an integer column, `nil` for NULL, specialised as ``decodeDouble(_:)`` is.
    public func decodeInt(_ column: Int) throws -> Int? { try decode(column, as: Int?.self) }

    /// Decodes a date or timestamp column, `nil` for NULL, specialised as ``decodeDouble(_:)`` is.
    public func decodeDate(_ column: Int) throws -> Date? { try decode(column, as: Date?.self) }

    /// Decodes a text column, `nil` for NULL, specialised as ``decodeDouble(_:)`` is.
    public func decodeString(_ column: Int) throws -> String? { try decode(column, as: String?.self) }

    /// Decodes the column with this exact name.
    public func decode<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        guard let column = result.columnIndex(of: name) else {
            throw PostgresDecodingError(column: name, columnType: .unknown, expectedType: "\(T.self)", failure: .typeMismatch)
        }
        return try decodeColumn(column, as: type)
    }

    /// The raw binary value of a column, `nil` for NULL.
    func bytes(_ column: Int) -> UnsafeRawBufferPointer? {
        let row = Int32(index)
        let col = Int32(column)
        if PQgetisnull(result.pointer, row, col) != 0 { return nil }
        let length = Int(PQgetlength(result.pointer, row, col))
        guard let value = PQgetvalue(result.pointer, row, col) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: value, count: length)
    }

    func decodeColumn<T: PostgresDecodable>(_ column: Int, as type: T.Type) throws -> T {
        let columnType = result.columnType(column)
        guard let bytes = bytes(column) else {
            if let null = T.nullValue { return null }
            throw PostgresDecodingError(
                column: result.columnName(column),
                columnType: columnType,
                expectedType: "\(T.self)",
                failure: nil
            )
        }
        do {
            return try T.decode(from: bytes, type: columnType)
        } catch {
            throw PostgresDecodingError(
                column: result.columnName(column),
                columnType: columnType,
                expectedType: "\(T.self)",
                failure: error
            )
        }
    }
}
