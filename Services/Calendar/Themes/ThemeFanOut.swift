import CalendarCore
import Foundation
import Postgres

/// Pushes a published theme to every compound in its scope as a local draft (one statement for all of them,
/// ``ThemeStore/insertDrafts(of:compoundFilter:on:)``).
enum ThemeFanOut {
    /// Creates the drafts that do not exist yet; returns how many were created.
    @discardableResult
    static func drafts(for theme: Theme, compoundFilter: SQL = "TRUE", on tx: isolated PostgresConnection) throws -> Int {
        try ThemeStore.insertDrafts(of: theme, compoundFilter: compoundFilter, on: tx)
    }

    /// A compound new to the calendar gets drafts of the published themes of this month and later that reach it.
    static func draftsForNewCompound(_ compoundID: Int, now: Date, on tx: isolated PostgresConnection) throws {
        let month = String(LocalMonth.of(now))
        let themes = try ThemeStore.published(reaching: compoundID, from: month, on: tx)
        for theme in themes { try drafts(for: theme, compoundFilter: "c.id = \(compoundID)", on: tx) }
    }
}

/// The month (`YYYY-MM`) of an instant in Shanghai.
enum LocalMonth {
    static func of(_ instant: Date) -> Substring {
        (LocalDateTime(instant, in: RecurrenceSet.defaultTimeZone)?.description ?? "0000-00").prefix(7)
    }
}
