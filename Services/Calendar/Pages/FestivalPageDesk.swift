import CalendarCore
import Foundation
import Postgres
import ServiceKit

/// Reads this month's festival for a signed-in resident, head or secretary: the compounds they belong
/// to (a secretary: those they serve), the city-wide themes of the month reaching them, and their
/// published activities with occurrences in the month (in Asia/Shanghai).
struct FestivalPageDesk {
    let service: CalendarService

    /// The festival of `month` (`YYYY-MM`), by default the current one.
    /// - Throws: ``Refusal`` 422 for a month that is not `YYYY-MM`.
    func festival(month: String?, by caller: Caller) async throws -> FestivalPage {
        let now = service.clock.now()
        let zone = RecurrenceSet.defaultTimeZone
        let (year, number) = try month.map(Self.parse) ?? LocalDateTime(now, in: zone).map { ($0.date.year, $0.date.month) } ?? (2_000, 1)
        guard let first = LocalDateTime(year: year, month: number, day: 1),
            let next = LocalDateTime(year: number == 12 ? year + 1 : year, month: number == 12 ? 1 : number + 1, day: 1)
        else { throw Refusal.invalid("month", "must be a month such as 2026-12") }
        let principal = caller.principal
        return try await service.pool.withConnection { tx in
            var page = FestivalPage(year: year, month: number, compounds: [], themes: [], entries: [])
            let compounds =
                principal.role == .secretary ? principal.compoundIDs : Array(try Residency.homeCompounds(of: principal, now: now, on: tx)).sorted()
            guard !compounds.isEmpty else { return page }
            page.compounds = try FestivalPageStore.compoundNames(compounds, on: tx)
            let text = page.monthText(offset: 0)
            var seen = Set<Int>()
            for compound in compounds {
                for theme in try ThemeStore.published(reaching: compound, from: text, on: tx)
                where theme.month == text && seen.insert(theme.id).inserted {
                    page.themes.append(theme.template.title)
                }
            }
            let occurrences = try FestivalPageStore.occurrences(
                compounds: compounds,
                from: first.instant(in: zone),
                to: next.instant(in: zone),
                on: tx
            )
            let activities = try FestivalPageStore.activities(Array(Set(occurrences.map(\.activityID))), on: tx)
            let byID = Dictionary(activities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            var order: [Int] = []
            var grouped: [Int: [OccurrenceRecord]] = [:]
            for occurrence in occurrences where byID[occurrence.activityID] != nil {
                if grouped[occurrence.activityID] == nil { order.append(occurrence.activityID) }
                grouped[occurrence.activityID, default: []].append(occurrence)
            }
            page.entries = order.compactMap { id in byID[id].map { FestivalPage.Entry(activity: $0, occurrences: grouped[id] ?? []) } }
            return page
        }
    }

    /// `2026-12` → (2026, 12).
    static func parse(_ text: String) throws -> (Int, Int) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
            (2_000...2_100).contains(year), (1...12).contains(month)
        else { throw Refusal.invalid("month", "must be a month such as 2026-12") }
        return (year, month)
    }
}
