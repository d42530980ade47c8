import CLibPQ
import Foundation

extension PostgresConnection {
    /// Loads rows with `COPY … FROM STDIN` in binary format: the fastest way to insert many rows.
    ///
    /// The target columns' types are read first, so an `Int` fills an `int4` column, a `Double` a
    /// `real`, and a ``PostgresJSONB`` a `json` column. Rows are streamed in chunks, so a lazy
    /// sequence of any length uses little memory.
    /// - Parameters:
    ///   - table: the table, optionally schema-qualified (`analytics.facts`).
    ///   - columns: the columns each row fills, in order.
    ///   - rows: the values; `nil` is NULL.
    /// - Returns: the number of rows loaded.
    @discardableResult
    public func copy(
        into table: String,
        columns: [String],
        rows: some Sequence<[(any PostgresEncodable)?]>
    ) throws -> Int {
        let handle = try requireHandle()
        let target = table.split(separator: ".").map { quoteIdentifier(String($0)) }.joined(separator: ".")
        let columnList = columns.map(quoteIdentifier).joined(separator: ", ")
        let types = try query(SQL(unsafeSQL: "SELECT \(columnList) FROM \(target) LIMIT 0")).columnTypes
        _ = try checked(
            PQexec(handle, "COPY \(target) (\(columnList)) FROM STDIN (FORMAT binary)"),
            expecting: [PGRES_COPY_IN]
        )

        var buffer: [UInt8] = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00]  // PGCOPY\n\377\r\n\0
        buffer.appendBigEndian(Int32(0))  // flags
        buffer.appendBigEndian(Int32(0))  // header extension length
        var failure: String?
        rowLoop: for row in rows {
            guard row.count == columns.count else {
                failure = "a row has \(row.count) values for \(columns.count) columns"
                break
            }
            buffer.appendBigEndian(Int16(columns.count))
            for (index, value) in row.enumerated() {
                guard let value else {
                    buffer.appendBigEndian(Int32(-1))
                    continue
                }
                var accepted = true
                buffer.appendLengthPrefixed { accepted = CopyCoercion.encode(value, as: types[index], into: &$0) }
                guard accepted else {
                    failure = "column \(columns[index]) of type \(types[index]) cannot take a \(type(of: value))"
                    break rowLoop
                }
            }
            if buffer.count >= 256 * 1024 {
                try sendCopyData(buffer, handle: handle)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if failure == nil {
            buffer.appendBigEndian(Int16(-1))
            try sendCopyData(buffer, handle: handle)
        }
        guard PQputCopyEnd(handle, failure) == 1 else { throw makeError(from: nil) }
        let result = try checked(PQgetResult(handle), expecting: [PGRES_COMMAND_OK])
        while let extra = PQgetResult(handle) { PQclear(extra) }
        if let failure { throw PostgresError(code: .copyFailed, reason: failure) }
        return result.affectedRows
    }

    private func sendCopyData(_ buffer: [UInt8], handle: OpaquePointer) throws {
        let sent = buffer.withUnsafeBytes { bytes in
            PQputCopyData(handle, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count))
        }
        guard sent == 1 else { throw makeError(from: nil) }
    }
}

/// Quotes an SQL identifier.
func quoteIdentifier(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// Re-encodes a value for a column whose binary format differs from the value's own (widths, json).
enum CopyCoercion {
    /// Appends the value in the column's binary format; false if the column cannot take it.
    static func encode(_ value: any PostgresEncodable, as target: PostgresType, into buffer: inout [UInt8]) -> Bool {
        let coerced: (any PostgresEncodable)?
        switch (value, target) {
        case (let value as Int, .int4): coerced = Int32(exactly: value)
        case (let value as Int, .int2): coerced = Int16(exactly: value)
        case (let value as Int32, .int8): coerced = Int64(value)
        case (let value as Int16, .int8): coerced = Int64(value)
        case (let value as Int16, .int4): coerced = Int32(value)
        case (let value as Double, .float4): coerced = Float(value)
        case (let value as Float, .float8): coerced = Double(value)
        case (let value as PostgresJSONB, .json):
            buffer.append(contentsOf: value.json)
            return true
        case (let value as Date, .date):
            coerced = Int32(((value.timeIntervalSince1970 - postgresEpochOffsetSeconds) / 86_400).rounded(.down))
        case (let value as String, _):
            coerced = target.isTextual || target == .json ? value : nil
        default:
            // Text-format values (numeric as Decimal) have no binary form here.
            let valueType = type(of: value)
            coerced = valueType.postgresType == target && valueType.postgresFormat == .binary ? value : nil
        }
        guard let coerced else { return false }
        coerced.encode(into: &buffer)
        return true
    }
}
