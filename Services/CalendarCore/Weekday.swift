/// A day of the week, numbered as ISO 8601 does (Monday is 1, Sunday is 7).
public enum Weekday: Int, Sendable, Hashable, CaseIterable, Comparable {
    /// Monday, `MO`.
    case monday = 1
    /// Tuesday, `TU`.
    case tuesday
    /// Wednesday, `WE`.
    case wednesday
    /// Thursday, `TH`.
    case thursday
    /// Friday, `FR`.
    case friday
    /// Saturday, `SA`.
    case saturday
    /// Sunday, `SU`.
    case sunday

    /// The two-letter code RFC 5545 uses in `BYDAY` and `WKST` (`MO` ... `SU`).
    public var code: String {
        switch self {
        case .monday: "MO"
        case .tuesday: "TU"
        case .wednesday: "WE"
        case .thursday: "TH"
        case .friday: "FR"
        case .saturday: "SA"
        case .sunday: "SU"
        }
    }

    /// The weekday for an RFC 5545 two-letter code, upper case; `nil` for anything else.
    public init?(code: String) {
        guard let match = Weekday.allCases.first(where: { $0.code == code }) else { return nil }
        self = match
    }

    /// Days from `start` forward to this weekday, 0...6: the position of this day in a week that begins on `start`.
    func days(after start: Weekday) -> Int {
        (rawValue - start.rawValue + 7) % 7
    }

    /// Monday sorts first, as in ISO 8601.
    public static func < (lhs: Weekday, rhs: Weekday) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
