import CalendarCore
import Testing

@Suite("Check-in codes: alphabet without look-alikes, validation")
struct CheckInCodeTests {
    @Test func theAlphabetHasNoLookAlikes() {
        let alphabet = Set(CheckInCode.alphabet)
        #expect(alphabet.count == 25)
        #expect(alphabet.isDisjoint(with: Array("0O1IL2Z5S8B")))
        #expect(alphabet.allSatisfy { $0.isASCII && ($0.isNumber || $0.isUppercase) })
    }

    @Test func generatedCodesUseTheAlphabetAndVary() throws {
        let codes = (0..<2000).map { _ in CheckInCode.random() }
        #expect(codes.allSatisfy { $0.value.count == 6 && $0.value.allSatisfy(CheckInCode.alphabet.contains) })
        // 2,000 draws from 244 million codes collide with probability under 1 %; a broken generator repeats at once.
        #expect(Set(codes).count >= 1990)
        // Every character of the alphabet turns up in 12,000 draws (each is missing with probability ~1e-212).
        #expect(Set(codes.flatMap(\.value)) == Set(CheckInCode.alphabet))
        for code in codes.prefix(50) { #expect(try CheckInCode(validating: code.value) == code) }
    }

    @Test func validationIgnoresCaseAndFullWidthForms() throws {
        #expect(try CheckInCode(validating: "k7pw3x").value == "K7PW3X")
        #expect(try CheckInCode(validating: "Ｋ７ｐｗ３Ｘ").value == "K7PW3X")
    }

    @Test(arguments: ["K7PW3", "K7PW3XY", "", "K7PW3X ", " K7PW3X"])
    func aCodeOfTheWrongLengthIsRefused(text: String) throws {
        let error = try #require(throws: CheckInCodeError.self) { try CheckInCode(validating: text) }
        #expect(error.code == .wrongLength)
    }

    @Test(arguments: [
        "K7PW3O", "K7PW30", "K7PW31", "K7PWIX", "K7PWLX", "K7PW2X", "K7PWZX", "K7PW5X", "K7PWSX", "K7PW8X", "K7PWBX", "K7-W3X", "K7PW3é",
    ])
    func aLookAlikeOrOtherCharacterIsRefused(text: String) throws {
        let error = try #require(throws: CheckInCodeError.self) { try CheckInCode(validating: text) }
        #expect(error.code == .invalidCharacter)
        #expect(!error.description.contains(text))
    }
}
