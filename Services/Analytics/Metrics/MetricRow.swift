import Foundation

/// One row of a metric's answer: a bucket, the group it is for, and the value (null when suppressed or undefined).
struct MetricRow: Sendable, Equatable {
    var bucket: Date
    /// The group's key (`""` when not grouped): an id, a channel or a star level.
    var key: String
    /// The group's position among the answer's groups (the same in every bucket).
    var group: Int
    /// The group's name, where one is known (compounds, themes).
    var label: String?
    var value: Double?
    /// Set when the value counts too few people to be shown.
    var suppressed: Bool
}

/// The columns of a metric's rows, in order, for JSON objects and CSV alike.
struct MetricColumns: Sendable {
    /// The key column and its label column, for a breakdown.
    let keyColumn: String?
    let keyIsNumeric: Bool
    let labelColumn: String?

    init(groupBy: GroupBy?) {
        switch groupBy {
        case nil: (keyColumn, keyIsNumeric, labelColumn) = (nil, false, nil)
        case .area: (keyColumn, keyIsNumeric, labelColumn) = ("areaID", true, nil)
        case .compound: (keyColumn, keyIsNumeric, labelColumn) = ("compoundID", true, "compound")
        case .grid: (keyColumn, keyIsNumeric, labelColumn) = ("gridID", true, nil)
        case .theme: (keyColumn, keyIsNumeric, labelColumn) = ("themeID", true, "theme")
        case .channel: (keyColumn, keyIsNumeric, labelColumn) = ("channel", false, nil)
        case .star: (keyColumn, keyIsNumeric, labelColumn) = ("starLevel", true, nil)
        }
    }

    /// Every column name in order.
    var names: [String] { ["ts"] + [keyColumn, labelColumn].compactMap { $0 } + ["value", "suppressed"] }
}

/// The fixed parts of a JSON row, as bytes once.
private enum JSONBytes {
    static let rowStart = Array(#"{"ts":"#.utf8)
    static let value = Array(#","value":"#.utf8)
    static let null = Array("null".utf8)
    static let suppressed = Array(#","suppressed":true}"#.utf8)
    static let shown = Array(#","suppressed":false}"#.utf8)
}

/// Writes rows as a flat JSON array (what Grafana's Infinity datasource reads as a table) or as CSV.
enum MetricRowWriter {
    /// The rows as a JSON array, in UTF-8: a year of compounds is some 13,000 objects, so they are
    /// written as bytes, each group's key and label fields and each bucket's timestamp once.
    static func json(_ rows: [MetricRow], columns: MetricColumns, buckets: Buckets) -> [UInt8] {
        // Rows come bucket by bucket: the last bucket's timestamp is the one to reuse.
        var timestamp: (bucket: Date, bytes: [UInt8])?
        var groupFields: [[UInt8]?] = []
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(rows.count * 96)
        for (index, row) in rows.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if timestamp?.bucket != row.bucket { timestamp = (row.bucket, Array(quoted(buckets.timestamp(row.bucket)).utf8)) }
            out.append(contentsOf: JSONBytes.rowStart)
            out.append(contentsOf: timestamp!.bytes)
            if columns.keyColumn != nil {
                if row.group >= groupFields.count { groupFields.append(contentsOf: repeatElement(nil, count: row.group - groupFields.count + 1)) }
                let fields = groupFields[row.group] ?? Array(groupFieldsJSON(row, columns: columns).utf8)
                groupFields[row.group] = fields
                out.append(contentsOf: fields)
            }
            out.append(contentsOf: JSONBytes.value)
            if let value = row.value { appendNumber(value, to: &out) } else { out.append(contentsOf: JSONBytes.null) }
            out.append(contentsOf: row.suppressed ? JSONBytes.suppressed : JSONBytes.shown)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    /// Appends `number(value)`, writing whole numbers digit by digit.
    static func appendNumber(_ value: Double, to out: inout [UInt8]) {
        guard value.isFinite else { return out.append(contentsOf: JSONBytes.null) }
        guard value == value.rounded(), abs(value) < 1e15 else {
            var text = value.description
            return text.withUTF8 { out.append(contentsOf: $0) }
        }
        var whole = Int64(value)
        if whole < 0 {
            out.append(UInt8(ascii: "-"))
            whole = -whole
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(whole % 10)
                whole /= 10
                count += 1
            } while whole > 0
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
        }
    }

    /// `,"compoundID":12,"compound":"…"`: a row's key and label fields.
    private static func groupFieldsJSON(_ row: MetricRow, columns: MetricColumns) -> String {
        var out = ""
        if let keyColumn = columns.keyColumn {
            // (A numeric key the place lacks, such as an area level below its path, is null, not an empty token.)
            let key = columns.keyIsNumeric ? (row.key.isEmpty ? "null" : row.key) : quoted(row.key)
            out += "," + quoted(keyColumn) + ":" + key
        }
        if let labelColumn = columns.labelColumn {
            out += "," + quoted(labelColumn) + ":" + (row.label.map(quoted) ?? "null")
        }
        return out
    }

    static func csv(_ rows: [MetricRow], columns: MetricColumns, buckets: Buckets) -> String {
        var timestamps: [Date: String] = [:]
        var lines = [columns.names.joined(separator: ",")]
        for row in rows {
            let ts = timestamps[row.bucket] ?? buckets.timestamp(row.bucket)
            timestamps[row.bucket] = ts
            var fields = [ts]
            if columns.keyColumn != nil { fields.append(escaped(row.key)) }
            if columns.labelColumn != nil { fields.append(escaped(row.label ?? "")) }
            fields.append(row.value.map(number) ?? "")
            fields.append(row.suppressed ? "true" : "false")
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A number as JSON and CSV write it: whole numbers without a fraction.
    static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.isFinite ? "\(value)" : "null"
    }

    /// A JSON string literal (RFC 8259 escapes; everything else, CJK included, as UTF-8).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let control where control.value < 0x20: out += String(format: "\\u%04x", control.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// RFC 4180 quoting, and a leading quote for text a spreadsheet would run as a formula.
    static func escaped(_ text: String) -> String {
        var text = text
        if let first = text.first, "=+-@".contains(first), Double(text) == nil { text = "'" + text }
        guard text.contains(where: { ",\"\r\n".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
