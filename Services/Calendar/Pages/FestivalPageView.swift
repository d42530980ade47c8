import Foundation
import Hummingbird
import ServiceKit

/// Renders ``FestivalPage``: no personal data, only what the compounds published.
struct FestivalPageView: Sendable {
    private typealias W = WebStrings.Festival
    let pages: WebPages

    /// The templates are constants of the code: one that does not parse is a bug, caught by the page tests.
    init() {
        do { pages = try WebPages(templates: FestivalPageTemplates.all) } catch { fatalError("the festival templates do not parse: \(error)") }
    }

    func render(_ page: FestivalPage) -> Response {
        var values: [String: Any] = [
            "t": Self.words, "heading": W.month(year: page.year, month: page.month) + " " + W.title,
            "previous": page.monthText(offset: -1), "next": page.monthText(offset: 1),
        ]
        if !page.compounds.isEmpty { values["compounds"] = page.compounds.joined(separator: WebStrings.Activity.listSeparator) }
        if !page.themes.isEmpty { values["themes"] = page.themes.joined(separator: WebStrings.Activity.listSeparator) }
        values["noCompound"] = page.compounds.isEmpty
        values["noActivities"] = !page.compounds.isEmpty && page.entries.isEmpty
        values["entries"] = page.entries.map { entry in
            let zone = ActivitySeries.timeZone(of: entry.activity)
            var item: [String: Any] = [
                "id": entry.activity.id, "title": entry.activity.fields.title, "sessions": W.sessions(entry.occurrences.count),
                "occurrences": entry.occurrences.map { occurrence in
                    [
                        "key": occurrence.recurrenceID,
                        "time": ActivityTimeText.span(from: occurrence.startsAt, to: occurrence.endsAt, in: zone)
                            + (occurrence.cancelled ? " · " + WebStrings.Activity.occurrenceCancelled : ""),
                    ]
                },
            ]
            item["place"] = entry.activity.place
            return item
        }
        let html = pages.render(FestivalPageTemplates.festival, title: W.title, values, chrome: .app(.festival))
        return HTMLResponse.page(html)
    }

    /// `WebStrings.Festival` as the template's `t`.
    static let words: [String: String] = [
        "theme": W.theme, "noTheme": W.noTheme, "noCompound": W.noCompound, "noActivities": W.noActivities,
        "previous": W.previous, "next": W.next,
    ]
}
