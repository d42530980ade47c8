import CalendarCore
import Foundation
import Testing

@Suite("RRULE text: parsing, formatting and errors naming the part")
struct RecurrenceRuleParsingTests {
    @Test(arguments: [
        "FREQ=DAILY",
        "FREQ=WEEKLY;INTERVAL=2;COUNT=10;BYDAY=MO,WE;WKST=SU",
        "FREQ=MONTHLY;BYDAY=-1SA",
        "FREQ=MONTHLY;UNTIL=20251231;BYDAY=2SA",
        "FREQ=MONTHLY;BYMONTHDAY=31,-1",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        "FREQ=YEARLY;UNTIL=20301231T155959Z;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=YEARLY;BYDAY=20MO",
    ])
    func canonicalTextRoundTrips(text: String) throws {
        let rule = try RecurrenceRule(parsing: text)
        #expect(rule.text == text)
        #expect(try RecurrenceRule(parsing: rule.text) == rule)
    }

    @Test func partsAreReadWhateverTheirCaseAndOrder() throws {
        let rule = try RecurrenceRule(parsing: "RRULE:byday=+2sa,-1SU;freq=monthly;count=6;")
        #expect(rule.frequency == .monthly)
        #expect(rule.byDay == [.nth(2, .saturday), .last(.sunday)])
        #expect(rule.end == .count(6))
        #expect(rule.text == "FREQ=MONTHLY;COUNT=6;BYDAY=2SA,-1SU")
    }

    @Test func untilInUTCIsAnInstant() throws {
        let rule = try RecurrenceRule(parsing: "FREQ=DAILY;UNTIL=20250303T010000Z")
        // 2025-03-03T01:00:00Z.
        #expect(rule.end == .until(.instant(Date(timeIntervalSince1970: 1_740_963_600))))
    }

    @Test func aBuiltRuleFormatsAndParsesBack() throws {
        let rule = try RecurrenceRule(frequency: .monthly, byDay: [.last(.saturday)], end: .count(12))
        #expect(rule.text == "FREQ=MONTHLY;COUNT=12;BYDAY=-1SA")
        #expect(try RecurrenceRule(parsing: rule.text) == rule)
    }

    @Test func aDateUntilBecomesTheLastSecondOfThatDayInTheZone() throws {
        let rule = try RecurrenceRule(parsing: "FREQ=DAILY;UNTIL=20250303")
        // The end of 2025-03-03 in Shanghai is 2025-03-03T15:59:59Z.
        #expect(rule.anchoringUntil(in: Fixture.shanghai).text == "FREQ=DAILY;UNTIL=20250303T155959Z")
    }

    struct BadRule: Sendable, CustomTestStringConvertible {
        let text: String
        let code: RecurrenceRuleError.Code
        let part: String
        var testDescription: String { text }
    }

    @Test(arguments: [
        BadRule(text: "", code: .missingFrequency, part: ""),
        BadRule(text: "COUNT=3", code: .missingFrequency, part: "COUNT=3"),
        BadRule(text: "FREQ=HOURLY", code: .unsupportedFrequency, part: "FREQ=HOURLY"),
        BadRule(text: "FREQ=FORTNIGHTLY", code: .invalidValue, part: "FREQ=FORTNIGHTLY"),
        BadRule(text: "FREQ=DAILY;COUNT", code: .malformedPart, part: "COUNT"),
        BadRule(text: "FREQ=DAILY;=3", code: .malformedPart, part: "=3"),
        BadRule(text: "FREQ=DAILY;COLOR=RED", code: .unknownPart, part: "COLOR=RED"),
        BadRule(text: "FREQ=DAILY;BYHOUR=9", code: .unsupportedPart, part: "BYHOUR=9"),
        BadRule(text: "FREQ=DAILY;COUNT=2;COUNT=3", code: .duplicatePart, part: "COUNT=3"),
        BadRule(text: "FREQ=DAILY;COUNT=ten", code: .invalidValue, part: "COUNT=ten"),
        BadRule(text: "FREQ=DAILY;COUNT=-1", code: .invalidValue, part: "COUNT=-1"),
        BadRule(text: "FREQ=DAILY;COUNT=0", code: .valueOutOfRange, part: "COUNT=0"),
        BadRule(text: "FREQ=DAILY;COUNT=99999999999999999999", code: .invalidValue, part: "COUNT=99999999999999999999"),
        BadRule(text: "FREQ=DAILY;INTERVAL=0", code: .valueOutOfRange, part: "INTERVAL=0"),
        BadRule(text: "FREQ=MONTHLY;BYDAY=9XX", code: .invalidValue, part: "BYDAY=9XX"),
        BadRule(text: "FREQ=MONTHLY;BYDAY=MO,,TU", code: .invalidValue, part: "BYDAY=MO,,TU"),
        BadRule(text: "FREQ=MONTHLY;BYDAY=0SA", code: .valueOutOfRange, part: "BYDAY=0SA"),
        BadRule(text: "FREQ=YEARLY;BYDAY=54SA", code: .valueOutOfRange, part: "BYDAY=54SA"),
        BadRule(text: "FREQ=WEEKLY;BYDAY=2SA", code: .conflictingParts, part: "BYDAY=2SA"),
        BadRule(text: "FREQ=MONTHLY;BYMONTHDAY=32", code: .valueOutOfRange, part: "BYMONTHDAY=32"),
        BadRule(text: "FREQ=MONTHLY;BYMONTHDAY=0", code: .valueOutOfRange, part: "BYMONTHDAY=0"),
        BadRule(text: "FREQ=WEEKLY;BYMONTHDAY=1", code: .conflictingParts, part: "BYMONTHDAY"),
        BadRule(text: "FREQ=YEARLY;BYMONTH=13", code: .valueOutOfRange, part: "BYMONTH=13"),
        BadRule(text: "FREQ=MONTHLY;BYSETPOS=-1", code: .conflictingParts, part: "BYSETPOS"),
        BadRule(text: "FREQ=DAILY;COUNT=3;UNTIL=20250101", code: .conflictingParts, part: "UNTIL=20250101"),
        BadRule(text: "FREQ=DAILY;UNTIL=20250230", code: .invalidValue, part: "UNTIL=20250230"),
        BadRule(text: "FREQ=DAILY;UNTIL=20250303T010000", code: .invalidValue, part: "UNTIL=20250303T010000"),
        BadRule(text: "FREQ=DAILY;WKST=XX", code: .invalidValue, part: "WKST=XX"),
    ])
    func aBadRuleNamesItsPart(bad: BadRule) throws {
        let error = try #require(throws: RecurrenceRuleError.self) { try RecurrenceRule(parsing: bad.text) }
        #expect(error.code == bad.code)
        #expect(error.part == bad.part)
        #expect(error.description.contains(bad.code.description))
    }

    @Test func aBuiltRuleIsCheckedLikeAParsedOne() throws {
        let error = try #require(throws: RecurrenceRuleError.self) {
            try RecurrenceRule(frequency: .monthly, byDay: [.nth(Int.min, .saturday)])
        }
        #expect(error.code == .valueOutOfRange)
    }

    @Test func aHugeHostilePartIsCutInTheError() throws {
        let noise = String(repeating: "X", count: 10_000)
        let error = try #require(throws: RecurrenceRuleError.self) { try RecurrenceRule(parsing: "FREQ=DAILY;\(noise)=1") }
        #expect(error.code == .unknownPart)
        #expect(error.description.count < 200)
    }

    @Test func mangledRulesNeverTrapAndExpandWhenTheyParse() throws {
        let valid = "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1SA,2MO;BYMONTHDAY=-1;BYMONTH=2;BYSETPOS=1;UNTIL=20300101T000000Z;WKST=SU"
        let replacements: [Character] = ["=", ";", ",", "-", "+", "0", "9", "X", " ", "é", "\u{0}"]
        var variants = (0...valid.count).map { String(valid.prefix($0)) }
        for offset in 0..<valid.count {
            for replacement in replacements {
                var text = Array(valid)
                text[offset] = replacement
                variants.append(String(text))
            }
        }
        let window = try Fixture.window("2025-01-01", "2026-01-01")
        var parsed = 0
        for text in variants {
            do {
                let rule = try RecurrenceRule(parsing: text)
                #expect(try RecurrenceRule(parsing: rule.text) == rule, "\(text)")
                let set = RecurrenceSet(start: try Fixture.at("2025-01-25 09:00"), duration: .seconds(60), rule: rule)
                _ = try set.occurrences(in: window)
                parsed += 1
            } catch let error as RecurrenceRuleError {
                #expect(!error.reason.isEmpty)
            }
        }
        #expect(parsed > 10)
        #expect(parsed < variants.count)
    }
}
