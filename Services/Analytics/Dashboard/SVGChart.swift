import Foundation

/// Small SVG charts drawn on the server: no script, no build step.
enum SVGChart {
    /// A line chart of one series, with its labels under the x axis and the maximum on the y axis.
    static func line(_ points: [(label: String, value: Double?)], unit: String, width: Int = 520, height: Int = 200) -> String {
        let (left, right, top, bottom) = (48.0, 12.0, 14.0, 28.0)
        let plotWidth = Double(width) - left - right
        let plotHeight = Double(height) - top - bottom
        let maximum = max(points.compactMap(\.value).max() ?? 0, unit == "share" ? 0.01 : 1)
        let step = points.count > 1 ? plotWidth / Double(points.count - 1) : 0
        func x(_ index: Int) -> Double { left + Double(index) * step }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - value / maximum) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" class=\"chart\">"
        svg += "<line x1=\"\(left)\" y1=\"\(top + plotHeight)\" x2=\"\(left + plotWidth)\" y2=\"\(top + plotHeight)\" class=\"axis\"/>"
        svg += "<text x=\"\(left - 6)\" y=\"\(top + 4)\" class=\"tick\" text-anchor=\"end\">\(format(maximum, unit: unit))</text>"
        svg += "<text x=\"\(left - 6)\" y=\"\(top + plotHeight)\" class=\"tick\" text-anchor=\"end\">0</text>"
        var segments: [[String]] = [[]]
        for (index, point) in points.enumerated() {
            if let value = point.value {
                segments[segments.count - 1].append(String(format: "%.1f,%.1f", x(index), y(value)))
                svg += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" class=\"dot\"/>", x(index), y(value))
            } else if !(segments.last ?? []).isEmpty {
                segments.append([])
            }
            svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\" text-anchor=\"middle\">", x(index), Double(height) - 8)
            svg += DashboardPage.escape(point.label) + "</text>"
        }
        for segment in segments where segment.count > 1 {
            svg += "<polyline points=\"\(segment.joined(separator: " "))\" class=\"series\"/>"
        }
        return svg + "</svg>"
    }

    /// Horizontal bars, longest first, each with its name and value.
    static func bars(_ items: [(name: String, value: Double?, note: String?)], unit: String, width: Int = 520) -> String {
        let rowHeight = 24.0
        let height = Int(rowHeight * Double(max(items.count, 1)) + 8)
        let (labelWidth, valueWidth) = (150.0, 70.0)
        let plotWidth = Double(width) - labelWidth - valueWidth
        let maximum = max(items.compactMap(\.value).max() ?? 0, unit == "share" ? 0.01 : 1)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" class=\"chart\">"
        for (index, item) in items.enumerated() {
            let y = 4 + Double(index) * rowHeight
            svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" class=\"label\" text-anchor=\"end\">", labelWidth - 8, y + 16)
            svg += DashboardPage.escape(String(item.name.prefix(10))) + "</text>"
            let length = plotWidth * (item.value ?? 0) / maximum
            svg += String(
                format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"bar\"/>",
                labelWidth,
                y + 4,
                max(length, 1),
                rowHeight - 8
            )
            let text = item.note ?? item.value.map { format($0, unit: unit) } ?? "—"
            svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" class=\"label\">", labelWidth + max(length, 1) + 6, y + 16)
            svg += DashboardPage.escape(text) + "</text>"
        }
        return svg + "</svg>"
    }

    /// A value for people: shares as percentages, counts with thousands separators.
    static func format(_ value: Double, unit: String) -> String {
        if unit == "share" { return String(format: "%.1f%%", value * 100) }
        if value == value.rounded() && abs(value) < 1e12 {
            let formatter = NumberFormatter()
            formatter.numberStyle = .decimal
            return formatter.string(from: NSNumber(value: Int64(value))) ?? String(Int64(value))
        }
        return String(format: "%.1f", value)
    }
}
