import Foundation

/// One row of `analytics.facts`: an event with its dimensions as they were when it happened.
struct Fact: Sendable {
    /// The event's topic.
    var kind: String
    /// The aggregate the event is about; with ``variant`` it mirrors the event id.
    var sourceID: Int
    var variant: Int = 0
    /// When it happened (what metrics bucket by).
    var occurredAt: Date
    /// When it was recorded (the event's own time, or when analytics received it).
    var recordedAt: Date
    var placeID: Int
    var buildingID: Int? = nil
    var householdID: Int? = nil
    var residentID: Int? = nil
    var ageBand: String? = nil
    var channel: String? = nil
    var themeID: Int? = nil
    /// Volunteer hours, a points delta, hours to settle, a seat change — what the kind measures.
    var quantity: Double = 0
    var points: Int = 0
}

/// Age bands, from a birth year and the year of the fact (public so that the city loader writes the same bands).
public enum AgeBand {
    /// The band's label, or `unknown` without a birth year.
    public static func of(birthYear: Int?, in year: Int) -> String {
        guard let birthYear else { return "unknown" }
        let age = year - birthYear
        switch age {
        case ..<18: return "0-17"
        case 18..<35: return "18-34"
        case 35..<60: return "35-59"
        case 60..<80: return "60-79"
        default: return "80+"
        }
    }

    /// The same bands in SQL, for a birth-year expression and a year expression (trusted text).
    static func sql(birthYear: String, year: String) -> String {
        """
        CASE WHEN \(birthYear) IS NULL THEN 'unknown' WHEN \(year) - \(birthYear) < 18 THEN '0-17' \
        WHEN \(year) - \(birthYear) < 35 THEN '18-34' WHEN \(year) - \(birthYear) < 60 THEN '35-59' \
        WHEN \(year) - \(birthYear) < 80 THEN '60-79' ELSE '80+' END
        """
    }
}
