/// Why an `RRULE` was refused, naming the offending part.
///
/// Its `description` is safe to print: the part is the caller's own rule text, cut to 64 characters.
public struct RecurrenceRuleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case missingFrequency, unsupportedFrequency, malformedPart, unknownPart, unsupportedPart
            case duplicatePart, invalidValue, valueOutOfRange, conflictingParts
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// There is no `FREQ` part.
        public static let missingFrequency = Code(.missingFrequency)
        /// `FREQ` is `SECONDLY`, `MINUTELY` or `HOURLY`, which activities never need.
        public static let unsupportedFrequency = Code(.unsupportedFrequency)
        /// A part is not `NAME=VALUE`.
        public static let malformedPart = Code(.malformedPart)
        /// A part's name is not an RFC 5545 rule part.
        public static let unknownPart = Code(.unknownPart)
        /// A valid RFC 5545 part this library does not expand (`BYHOUR`, `BYMINUTE`, `BYSECOND`, `BYYEARDAY`, `BYWEEKNO`).
        public static let unsupportedPart = Code(.unsupportedPart)
        /// A part appears twice, which RFC 5545 forbids.
        public static let duplicatePart = Code(.duplicatePart)
        /// A value is not of the part's form (for example `COUNT=ten`, `BYDAY=XX`).
        public static let invalidValue = Code(.invalidValue)
        /// A number is outside the part's range (for example `BYMONTHDAY=32`, `INTERVAL=0`).
        public static let valueOutOfRange = Code(.valueOutOfRange)
        /// Parts RFC 5545 forbids together (`COUNT` with `UNTIL`, `BYDAY=2MO` with `FREQ=WEEKLY`, ...).
        public static let conflictingParts = Code(.conflictingParts)

        /// The code's name, e.g. `valueOutOfRange`.
        public var description: String { base.rawValue }
    }

    /// What kind of problem this is.
    public let code: Code
    /// The offending part as written (`BYDAY=9XX`), or the whole rule when no single part is to blame.
    public let part: String
    /// A fixed explanation (never containing input).
    public let reason: String

    /// Creates an error; the part is cut to 64 characters so a hostile rule cannot flood a log.
    public init(code: Code, part: some StringProtocol, reason: String) {
        self.code = code
        self.part = part.count > 64 ? String(part.prefix(64)) + "…" : String(part)
        self.reason = reason
    }

    /// The code, the offending part and the reason.
    public var description: String {
        "RecurrenceRuleError.\(code) in \"\(part)\": \(reason)"
    }
}
