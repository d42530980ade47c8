/// A failure expanding, splitting or publishing a series.
///
/// Its `description` is safe to print: it names the kind of failure and carries no event text.
public struct CalendarError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case tooManyOccurrences, expansionTooLong, notAnOccurrence, splitAtFirstOccurrence, unsupportedTimeZone
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The window holds more occurrences than the caller's limit.
        public static let tooManyOccurrences = Code(.tooManyOccurrences)
        /// Reaching the window would walk more periods than the expansion allows (a rule far in the past with `COUNT`,
        /// or a rule that rarely matches over a window of centuries).
        public static let expansionTooLong = Code(.expansionTooLong)
        /// The given start is not an occurrence of the series' rule.
        public static let notAnOccurrence = Code(.notAnOccurrence)
        /// "This and following" at the first occurrence is an edit of the whole series, not a split.
        public static let splitAtFirstOccurrence = Code(.splitAtFirstOccurrence)
        /// A series' time zone differs from the feed's.
        public static let unsupportedTimeZone = Code(.unsupportedTimeZone)

        /// The code's name, e.g. `tooManyOccurrences`.
        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public let code: Code
    /// A fixed explanation (never containing event text).
    public let reason: String

    /// Creates an error.
    public init(code: Code, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The code and the fixed reason; never event text.
    public var description: String {
        "CalendarError.\(code): \(reason)"
    }
}
