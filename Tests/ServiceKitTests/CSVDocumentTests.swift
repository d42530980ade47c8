import ServiceKit
import Testing

@Suite("CSV reads and writes RFC 4180")
struct CSVDocumentTests {
    @Test func parsesQuotesNewlinesAndABOM() throws {
        let text = "\u{FEFF}姓名,备注\r\n张三,\"说\"\"你好\"\", 然后\n换行\"\r\n李四,\r\n"
        let rows = try CSVDocument.parse(text)
        #expect(rows == [["姓名", "备注"], ["张三", "说\"你好\", 然后\n换行"], ["李四", ""]])
        #expect(throws: CSVDocument.ParseError.self) { try CSVDocument.parse("a,\"b\n") }
        #expect(throws: CSVDocument.ParseError.self) { try CSVDocument.parse("a,b\"c\"\n") }
    }

    @Test func writesWhatItReadsAndNeutralisesFormulas() throws {
        let rows = [["id", "名称"], ["1", "a,b"], ["2", "=HYPERLINK(\"x\")"], ["3", "-5"], ["4", "-cmd"]]
        let text = CSVDocument.write(rows)
        #expect(text.hasPrefix("\u{FEFF}"))
        let back = try CSVDocument.parse(text)
        #expect(back[1] == ["1", "a,b"])
        #expect(back[2][1] == "'=HYPERLINK(\"x\")")
        #expect(back[3][1] == "-5")
        #expect(back[4][1] == "'-cmd")
    }
}
