import Foundation

/// A benchmark's result: a Markdown table (with notes) and the same figures as JSON.
struct BenchReport {
    /// The section name in docs/benchmarks.md (`<!-- bench:NAME -->`).
    let name: String
    let title: String
    var header: [String]
    var rows: [[String]] = []
    var notes: [String] = []
    var json: [String: any Sendable] = [:]

    var markdown: String {
        var lines = ["### \(title)", ""]
        lines.append("| " + header.joined(separator: " | ") + " |")
        lines.append("|" + header.map { _ in "---" }.joined(separator: "|") + "|")
        for row in rows { lines.append("| " + row.joined(separator: " | ") + " |") }
        if !notes.isEmpty {
            lines.append("")
            lines.append(contentsOf: notes.map { "- \($0)" })
        }
        return lines.joined(separator: "\n")
    }

    var jsonLine: String {
        let data = (try? JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Prints the table and JSON, and writes the section into `path` if given.
    func publish(to path: String?) throws {
        print(markdown)
        print("")
        print("JSON " + jsonLine)
        guard let path else { return }
        let begin = "<!-- bench:\(name) -->"
        let end = "<!-- /bench:\(name) -->"
        let existing = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "# Benchmarks\n"
        let section = "\(begin)\n\(markdown)\n\(end)"
        let updated: String
        if let start = existing.range(of: begin), let stop = existing.range(of: end), start.lowerBound < stop.lowerBound {
            updated = existing.replacingCharacters(in: start.lowerBound..<stop.upperBound, with: section)
        } else {
            updated = existing + "\n" + section + "\n"
        }
        try updated.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

/// Formats a rate with thousands separators, e.g. `12,345`.
func formatRate(_ value: Double) -> String {
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.maximumFractionDigits = 0
    return formatter.string(from: NSNumber(value: value)) ?? String(Int(value))
}

/// Formats a ratio as a percentage, e.g. `87 %`.
func formatPercent(_ ratio: Double) -> String { "\(Int((ratio * 100).rounded())) %" }
