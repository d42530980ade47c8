import Foundation

/// This month's festival as a resident sees it: the month, the city-wide themes reaching their
/// compounds, and every published activity of those compounds with its occurrences in the month.
struct FestivalPage: Sendable {
    /// One activity and its occurrences in the month, by start.
    struct Entry: Sendable {
        var activity: ActivityRecord
        var occurrences: [OccurrenceRecord]
    }

    var year: Int
    var month: Int
    /// The names of the compounds shown.
    var compounds: [String]
    /// The titles of the published themes of the month.
    var themes: [String]
    /// Ordered by each activity's first occurrence in the month.
    var entries: [Entry]

    /// `YYYY-MM` of the month `offset` months away.
    func monthText(offset: Int) -> String {
        let index = year * 12 + (month - 1) + offset
        let (year, month) = (index / 12, index % 12 + 1)
        return "\(year)-\(month < 10 ? "0" : "")\(month)"
    }
}
