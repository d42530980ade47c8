import Foundation

/// One row of a metric's answer: a bucket, the group it is for, and the value (null when suppressed or undefined).
struct MetricRow: Sendable, Equatable {
    var bucket: Date
    /// The group's key (`""` when not grouped): an id, a channel or a star level.
    var key: String
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

/// Writes rows as a flat JSON array (what Grafana's Infinity datasource reads as a table) or as CSV.
enum MetricRowWriter {
    static func json(_ rows: [MetricRow], columns: MetricColumns, buckets: Buckets) -> String {
        var timestamps: [Date: String] = [:]
        let keyField = columns.keyColumn.map { ",\(quoted($0)):" }
        let labelField = columns.labelColumn.map { ",\(quoted($0)):" }
        var out = "["
        out.reserveCapacity(rows.count * 80)
        for (index, row) in rows.enumerated() {
            if index > 0 { out += "," }
            let ts = timestamps[row.bucket] ?? quoted(buckets.timestamp(row.bucket))
            timestamps[row.bucket] = ts
            out += "{\"ts\":"
            out += ts
            if let keyField {
                out += keyField
                out += columns.keyIsNumeric ? row.key : quoted(row.key)
            }
            if let labelField {
                out += labelField
                out += row.label.map(quoted) ?? "null"
            }
            out += ",\"value\":"
            out += row.value.map(number) ?? "null"
            out += row.suppressed ? ",\"suppressed\":true}" : ",\"suppressed\":false}"
        }
        return out + "]"
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
