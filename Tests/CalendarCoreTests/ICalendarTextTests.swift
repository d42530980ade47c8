import CalendarCore
import Foundation
import Testing

@Suite("iCalendar text: escaping and folding at 75 octets")
struct ICalendarTextTests {
    @Test func specialCharactersAreEscaped() {
        #expect(ICalendarText.escaped(#"a\b;c,d"#) == #"a\\b\;c\,d"#)
        #expect(ICalendarText.escaped("line 1\nline 2\r\nline 3\rend") == #"line 1\nline 2\nline 3\nend"#)
        #expect(ICalendarText.escaped("tab\there\u{0}\u{7}\u{7F}") == "tab\there")
        #expect(ICalendarText.escaped("幸福邻里节：包饺子") == "幸福邻里节：包饺子")
    }

    @Test func aShortLineIsLeftAlone() {
        let line = "SUMMARY:" + String(repeating: "a", count: 67)
        #expect(line.utf8.count == 75)
        #expect(ICalendarText.folded(line) == line)
    }

    @Test func anAsciiLineFoldsAfterExactly75Octets() {
        let line = "DESCRIPTION:" + String(repeating: "x", count: 100)
        let lines = ICalendarText.folded(line).split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.map(\.utf8.count) == [75, 38])
        #expect(lines[1].hasPrefix(" "))
        #expect(lines[0] + lines[1].dropFirst() == line)
    }

    @Test func chineseTextFoldsBetweenCharactersAndUnfoldsToTheOriginal() throws {
        let text = String(repeating: "一月一主题，月月有活动。在职党员进小区，共建幸福邻里。", count: 8)
        let line = "DESCRIPTION:" + ICalendarText.escaped(text)
        let folded = ICalendarText.folded(line)
        let lines = folded.split(separator: "\r\n", omittingEmptySubsequences: false)
        #expect(lines.count > 5)
        for (index, piece) in lines.enumerated() {
            let bytes = Array(piece.utf8)
            #expect(bytes.count <= 75, "line \(index) has \(bytes.count) octets")
            // Each physical line must be valid UTF-8 on its own: no character split across a fold.
            #expect(String(validating: bytes, as: UTF8.self) != nil, "line \(index) is not valid UTF-8")
            if index > 0 { #expect(bytes.first == UInt8(ascii: " ")) }
        }
        // "DESCRIPTION:" is 12 octets, then 21 three-octet characters fit (75); the next line holds 24 after its space.
        #expect(lines[0].utf8.count == 75)
        #expect(lines[1].utf8.count == 73)
        let unfolded = folded.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded == line)
    }

    @Test func fourOctetCharactersAreNotSplitEither() {
        let line = "SUMMARY:" + String(repeating: "🏮", count: 40)
        for piece in ICalendarText.folded(line).split(separator: "\r\n") {
            #expect(piece.utf8.count <= 75)
            #expect(String(validating: Array(piece.utf8), as: UTF8.self) != nil)
        }
    }
}
