import CQRencode

/// A QR code, encoded by libqrencode (Debian `libqrencode-dev`), as the square of dark and light
/// modules a scanner reads; ``svg(moduleSize:label:)`` draws it for a page.
///
/// ```swift
/// let ticket = try QRCode("https://linli.example/check-in/12?t=…")
/// let svg = ticket.svg(label: "签到二维码")
/// ```
public struct QRCode: Sendable, Equatable {
    /// The modules per side (21 for version 1, four more per version).
    public let size: Int
    /// Row by row, `true` where a module is dark.
    public let modules: [Bool]

    /// Encodes `text` (UTF-8, 8-bit mode) at error-correction level M, the smallest version that holds it.
    /// - Throws: ``QRCodeError/tooLong`` past what a QR code holds, ``QRCodeError/failed`` if libqrencode fails.
    public init(_ text: String, level: QRCodeLevel = .medium) throws(QRCodeError) {
        guard !text.isEmpty else { throw .empty }
        guard text.utf8.count <= 2_000 else { throw .tooLong }
        guard let code = QRcode_encodeString8bit(text, 0, level.native) else { throw .failed }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let data = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
        // libqrencode sets bit 0 of each byte for a dark module; the other bits say what kind it is.
        self.size = width
        self.modules = data.map { $0 & 1 == 1 }
    }

    /// Whether the module at `row`, `column` is dark.
    public func isDark(row: Int, column: Int) -> Bool { modules[row * size + column] }

    /// An SVG image of the code with the four-module quiet zone the standard asks for, one path of
    /// dark runs (small: a ticket's code is about 2 KB), crisp at any zoom. `label` becomes its
    /// accessible name (`role="img"`, `<title>`), escaped.
    public func svg(moduleSize: Int = 8, label: String) -> String {
        let quiet = 4
        let side = size + 2 * quiet
        var path = ""
        for row in 0..<size {
            var column = 0
            while column < size {
                guard isDark(row: row, column: column) else {
                    column += 1
                    continue
                }
                let start = column
                while column < size, isDark(row: row, column: column) { column += 1 }
                path += "M\(start + quiet) \(row + quiet)h\(column - start)v1h-\(column - start)z"
            }
        }
        let pixels = side * moduleSize
        let title = Self.escape(label)
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" width="\(pixels)" height="\(pixels)" \
            role="img" aria-label="\(title)" shape-rendering="crispEdges"><title>\(title)</title>\
            <rect width="\(side)" height="\(side)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
            """
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// How much of a damaged code can be recovered: about 7, 15, 25 or 30 %.
public enum QRCodeLevel: Sendable {
    case low, medium, quartile, high

    var native: QRecLevel {
        switch self {
        case .low: QR_ECLEVEL_L
        case .medium: QR_ECLEVEL_M
        case .quartile: QR_ECLEVEL_Q
        case .high: QR_ECLEVEL_H
        }
    }
}

/// Why a text could not be encoded.
public enum QRCodeError: Error, Sendable, Equatable {
    case empty
    case tooLong
    case failed
}
