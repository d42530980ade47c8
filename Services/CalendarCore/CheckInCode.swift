/// A six-character code residents type or scan to check in at an activity.
///
/// The alphabet leaves out characters that are easily confused when read aloud or off a printed sheet:
/// 0/O, 1/I/L, 2/Z, 5/S and 8/B. Twenty-five characters over six places give 244 million codes.
public struct CheckInCode: Sendable, Hashable, CustomStringConvertible {
    /// The characters a code is made of, in upper case.
    public static let alphabet: [Character] = Array("34679ACDEFGHJKMNPQRTUVWXY")
    /// The number of characters in a code.
    public static let length = 6

    /// The code in upper case, e.g. `K7PW3X`.
    public let value: String

    private init(uncheckedValue: String) {
        value = uncheckedValue
    }

    /// A new code drawn from the system's cryptographically secure generator.
    ///
    /// There is deliberately no variant taking another generator: a predictable code would let anyone check in.
    public static func random() -> CheckInCode {
        var generator = SystemRandomNumberGenerator()
        // `randomElement(using:)` draws an unbiased index, so every character is equally likely.
        let characters = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
        return CheckInCode(uncheckedValue: String(characters))
    }

    /// Reads a code a resident typed: case does not matter, and full-width letters and digits (as a
    /// Chinese input method in full-width mode types them) count as their ASCII forms.
    /// - Throws: ``CheckInCodeError`` for the wrong length or a character outside ``alphabet``, spaces included.
    public init(validating text: String) throws(CheckInCodeError) {
        var normalised = ""
        for scalar in text.unicodeScalars {
            // U+FF01...U+FF5E are the full-width forms of U+0021...U+007E.
            let ascii = (0xFF01...0xFF5E).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFEE0)! : scalar
            normalised.unicodeScalars.append(Self.upper(ascii))
        }
        guard normalised.count == Self.length else {
            throw CheckInCodeError(code: .wrongLength, reason: "a check-in code has \(Self.length) characters")
        }
        guard normalised.allSatisfy(Self.alphabet.contains) else {
            throw CheckInCodeError(code: .invalidCharacter, reason: "a check-in code uses only \(String(Self.alphabet))")
        }
        value = normalised
    }

    /// The code, e.g. `K7PW3X`.
    public var description: String { value }

    private static func upper(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        ("a"..."z").contains(scalar) ? Unicode.Scalar(scalar.value - 32)! : scalar
    }
}
