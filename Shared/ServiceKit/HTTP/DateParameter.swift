import Foundation
import Models

/// The one reader of dates in query parameters and bodies: a calendar day that exists
/// (`2026-02-30` is refused, where Foundation would roll it over to 2 March) or an ISO 8601 instant.
public enum DateParameter {
    /// The year, month and day of `YYYY-MM-DD`, or `nil` when the text is not one or the day does not exist.
    public static func day(_ text: some StringProtocol) -> (year: Int, month: Int, day: Int)? { CivilDay.parse(text) }

    /// Whether the text starts with a day that does not exist (`2026-02-30T09:00`), which a lenient parser would roll over.
    public static func namesImpossibleDay(_ text: some StringProtocol) -> Bool { CivilDay.isImpossible(text) }

    /// An ISO 8601 instant with or without fractional seconds, on a day that exists.
    public static func instant(_ text: String) -> Date? {
        guard !namesImpossibleDay(text) else { return nil }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        return try? Date(text, strategy: .iso8601)
    }
}
