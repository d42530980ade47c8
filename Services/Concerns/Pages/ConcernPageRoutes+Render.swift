import Foundation
import Hummingbird
import Models
import ServiceKit

extension ConcernPageRoutes {
    private typealias W = WebStrings.Concerns

    /// The caller's own concerns (reported or entered by them), newest first.
    func list(_ request: Request, _ context: LinliRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try ConcernDesk.mayList(principal)
        var filter = ConcernFilter()
        filter.mine = true
        let concerns = try await desk.list(filter, by: principal).items
        let names = try await categoryNames()
        let csrf = CSRFProtection.token(for: request)
        let rows: [[String: Any]] = concerns.map { item in
            [
                "id": item.id, "title": item.title, "state": W.state(item.state), "badge": Self.badge(item.state),
                "category": names[item.category] ?? item.category, "raisedAt": Self.time(item.raisedAt),
            ]
        }
        let values: [String: Any] = [
            "concerns": rows, "hasConcerns": !rows.isEmpty, "t": ["title": W.listTitle, "raise": W.raise, "none": W.none],
        ]
        let html = pages.render("concerns", title: W.listTitle, values, chrome: .app(.concerns))
        return HTMLResponse.page(html, cookies: csrf.setCookie.map { [$0] } ?? [])
    }

    /// The form to raise a concern.
    func newForm(_ request: Request, by principal: Principal) async throws -> Response {
        let csrf = CSRFProtection.token(for: request)
        let categories = try await pageDesk.categories().map { ["category": $0.category, "name": $0.name] }
        let households: [[String: Any]] = try await pageDesk.households(for: principal).map { household in
            ["id": household.id, "dwelling": household.own ? household.dwelling + W.ownHousehold : household.dwelling]
        }
        let megabytes = max(1, desk.configuration.photoMaxBytes / 1_048_576)
        let values: [String: Any] = [
            "csrf": csrf.token, "categories": categories, "households": households, "forHousehold": !households.isEmpty,
            "t": [
                "household": W.household,
                "title": W.newTitle, "category": W.category, "subject": W.subject, "subjectHint": W.subjectHint, "text": W.text,
                "textHint": W.textHint, "photos": W.photos, "photosHint": W.photosHint(Self.maxPhotos, megabytes: megabytes),
                "submit": W.submit, "back": W.back,
            ],
        ]
        let html = pages.render("concern-new", title: W.newTitle, values, chrome: .app(.concerns))
        return HTMLResponse.page(html, cookies: csrf.setCookie.map { [$0] } ?? [])
    }

    /// One concern as the caller may see it.
    func concern(_ id: Int, _ request: Request, _ context: LinliRequestContext) async throws -> Response {
        let page = try await pageDesk.page(id, by: try context.requirePrincipal())
        let concern = page.concern
        let names = try await categoryNames()
        let csrf = CSRFProtection.token(for: request)
        let photos: [[String: Any]] = page.photos.map { photo in
            [
                "src": "/concerns/\(id)/photos/\(photo.position)", "alt": W.photo(photo.position), "width": photo.width,
                "height": photo.height,
            ]
        }
        let updates: [[String: Any]] = concern.updates.map { update in
            var row: [String: Any] = ["action": W.action(update.action), "when": Self.time(update.createdAt)]
            if let state = update.state { row["state"] = W.state(state) }
            if let party = update.authorParty { row["party"] = W.party(party) }
            if let note = update.note { row["note"] = note }
            return row
        }
        let meetings: [[String: Any]] = page.meetings.map { meeting in
            [
                "title": meeting.title, "when": Self.time(meeting.startsAt),
                "state": meeting.state == "held" ? W.held : W.scheduled, "badge": meeting.state == "held" ? "ok" : "warn",
            ]
        }
        var values: [String: Any] = [
            "id": concern.id, "title": concern.title, "state": W.state(concern.state), "badge": Self.badge(concern.state),
            "category": names[concern.category] ?? concern.category, "raisedAt": Self.time(concern.raisedAt),
            "photos": photos, "hasPhotos": !photos.isEmpty, "updates": updates, "meetings": meetings, "hasMeetings": !meetings.isEmpty,
            "csrf": csrf.token, "confirmed": concern.confirmedAt != nil,
            "t": [
                "raisedAt": W.raisedAt, "expectedBy": W.expectedBy, "owner": W.owner, "progress": W.progress, "meetings": W.meetings,
                "settledAsk": W.settledAsk, "confirm": W.confirm, "reopen": W.reopen, "reopenReason": W.reopenReason,
                "confirmed": W.confirmed, "back": W.back,
            ],
        ]
        if ConcernState(rawValue: concern.state)?.isUnsettled == true { values["expectedBy"] = Self.time(concern.expectedBy) }
        if let owner = concern.ownerParty { values["owner"] = W.party(owner) }
        if let description = concern.description, !description.isEmpty { values["description"] = description }
        if let until = concern.reopenableUntil {
            values["answerable"] = true
            values["reopenUntil"] = W.reopenUntil(Self.time(until))
        }
        let html = pages.render("concern", title: concern.title, values, chrome: .app(.concerns))
        return HTMLResponse.page(html, cookies: csrf.setCookie.map { [$0] } ?? [])
    }

    private func categoryNames() async throws -> [String: String] {
        Dictionary(try await pageDesk.categories().map { ($0.category, $0.name) }) { first, _ in first }
    }

    /// The badge class of a state.
    static func badge(_ state: String) -> String {
        switch state {
        case "settled": "ok"
        case "closed-unsettled": "muted"
        default: "warn"
        }
    }

    /// A moment in the compounds' time zone: `12月4日 14:30`.
    static func time(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current
        let parts = calendar.dateComponents([.month, .day, .hour, .minute], from: date)
        let minute = parts.minute ?? 0
        return "\(parts.month ?? 0)月\(parts.day ?? 0)日 \(parts.hour ?? 0):\(minute < 10 ? "0" : "")\(minute)"
    }
}
