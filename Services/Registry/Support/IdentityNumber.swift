import Foundation

/// A resident identity card number (居民身份证号码), checked against GB 11643-1999.
struct IdentityNumber: Sendable, Equatable {
    let value: String

    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// Validates length, digits, the birth date and the check character; `nil` if any fails.
    init?(_ text: String) {
        let value = text.trimmingCharacters(in: .whitespaces).uppercased()
        let characters = Array(value)
        guard characters.count == 18, characters.prefix(17).allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let sum = zip(characters.prefix(17), Self.weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        guard characters[17] == Self.checkCharacters[sum % 11] else { return nil }
        guard let year = Int(String(characters[6..<10])), let month = Int(String(characters[10..<12])),
            let day = Int(String(characters[12..<14])), (1900...2100).contains(year),
            DateComponents(calendar: Calendar(identifier: .gregorian), year: year, month: month, day: day).isValidDate
        else { return nil }
        self.value = value
    }

    /// The year of birth the number encodes.
    var birthYear: Int { Int(String(Array(value)[6..<10]))! }

    /// `430102********0012`: the region and the last four, not the birth date.
    var masked: String { String(value.prefix(6)) + String(repeating: "*", count: 8) + String(value.suffix(4)) }
}
