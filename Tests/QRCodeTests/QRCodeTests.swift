import Testing

@testable import QRCode

@Suite("QR codes from libqrencode")
struct QRCodeTests {
    @Test("a short text fits version 1 (21 modules) with the three finder patterns in their corners")
    func finderPatterns() throws {
        let code = try QRCode("ABC123")
        #expect(code.size == 21)
        for (row, column) in [(0, 0), (0, code.size - 7), (code.size - 7, 0)] {
            // A finder is a dark 7×7 ring, a light ring inside it and a dark 3×3 centre.
            for offset in 0..<7 {
                #expect(code.isDark(row: row, column: column + offset))
                #expect(code.isDark(row: row + 6, column: column + offset))
                #expect(code.isDark(row: row + offset, column: column))
                #expect(code.isDark(row: row + offset, column: column + 6))
            }
            #expect(!code.isDark(row: row + 1, column: column + 1))
            #expect(code.isDark(row: row + 3, column: column + 3))
        }
        // The fourth corner holds data, not a finder.
        #expect(!(0..<7).allSatisfy { code.isDark(row: code.size - 7, column: code.size - 7 + $0) })
    }

    @Test("a longer URL needs a larger version; the same text gives the same code")
    func versions() throws {
        let url = "https://linli.example/check-in/4821/20261212T143000?t=1765549800.Zq3vYl8dQ0pK2cHh4nXy"
        let code = try QRCode(url)
        #expect(code.size > 21)
        #expect((code.size - 17) % 4 == 0)
        #expect(try QRCode(url) == code)
        #expect(try QRCode(url + "x") != code)
    }

    @Test("the SVG has the quiet zone, a path of dark runs and an escaped accessible name")
    func svg() throws {
        let code = try QRCode("hello")
        let svg = code.svg(moduleSize: 4, label: "签到 <码> & \"票\"")
        let side = code.size + 8
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\""))
        #expect(svg.contains("width=\"\(side * 4)\""))
        #expect(svg.contains("aria-label=\"签到 &lt;码&gt; &amp; &quot;票&quot;\""))
        // The top-left finder's first row is one run of 7 dark modules, offset by the quiet zone.
        #expect(svg.contains("M4 4h7v1h-7z"))
        let runs = svg.filter { $0 == "z" }.count
        #expect(runs >= code.size)
    }

    @Test("empty and oversized texts are refused")
    func refusals() {
        #expect(throws: QRCodeError.empty) { try QRCode("") }
        #expect(throws: QRCodeError.tooLong) { try QRCode(String(repeating: "x", count: 2_001)) }
    }
}
