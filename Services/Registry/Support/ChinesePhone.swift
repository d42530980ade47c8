/// A mainland mobile number: 11 digits starting with 1.
struct ChinesePhone: Sendable, Equatable {
    let digits: String

    /// Accepts spaces, dashes and a `+86`/`86` prefix; `nil` if it is not a mobile number.
    init?(_ text: String) {
        var digits = text.filter(\.isNumber)
        if digits.count == 13, digits.hasPrefix("86") { digits.removeFirst(2) }
        guard digits.count == 11, digits.first == "1", digits.allSatisfy(\.isASCII) else { return nil }
        self.digits = digits
    }

    /// `138****1234`.
    var masked: String { Self.mask(prefix: prefix, suffix: suffix) }
    var prefix: String { String(digits.prefix(3)) }
    var suffix: String { String(digits.suffix(4)) }

    static func mask(prefix: String, suffix: String) -> String { prefix + "****" + suffix }

    /// Reads a masked search like `138****1234` (or `1381234`) into its prefix and suffix.
    static func maskedQuery(_ text: String) -> (prefix: String, suffix: String)? {
        let digits = text.filter(\.isNumber)
        guard digits.count == 7, digits.first == "1" else { return nil }
        return (String(digits.prefix(3)), String(digits.suffix(4)))
    }
}
