/// Why a typed check-in code was refused.
///
/// Its `description` is safe to show to the resident: it never repeats what they typed.
public struct CheckInCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case wrongLength, invalidCharacter
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The code does not have six characters.
        public static let wrongLength = Code(.wrongLength)
        /// A character is not in ``CheckInCode/alphabet`` (a look-alike such as `O`, a space, a symbol).
        public static let invalidCharacter = Code(.invalidCharacter)

        /// The code's name, e.g. `wrongLength`.
        public var description: String { base.rawValue }
    }

    /// What kind of problem this is.
    public let code: Code
    /// A fixed explanation.
    public let reason: String

    /// Creates an error.
    public init(code: Code, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The code and the fixed reason; never what was typed.
    public var description: String { "CheckInCodeError.\(code): \(reason)" }
}
