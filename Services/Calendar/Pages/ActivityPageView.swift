import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// Renders ``ActivityPage`` as the activity page, with the browser's CSRF token in its forms (and the
/// cookie that stores a new one). Nothing personal beyond the names of those the caller may sign up.
struct ActivityPageView: Sendable {
    private typealias W = WebStrings.Activity
    let pages: WebPages

    /// The templates are constants of the code: one that does not parse is a bug, caught by the page tests.
    init() {
        do { pages = try WebPages(templates: ActivityPageTemplates.all) } catch { fatalError("the activity templates do not parse: \(error)") }
    }

    /// The page, with an `error` (the status then says why) or a `notice`.
    func render(
        _ page: ActivityPage,
        for request: Request,
        error: String? = nil,
        notice: String? = nil,
        status: HTTPResponse.Status = .ok
    )
        -> Response
    {
        let csrf = CSRFProtection.token(for: request)
        var values = about(page)
        values["t"] = Self.words
        values["csrf"] = csrf.token
        values["error"] = error
        values["notice"] = notice
        let zone = ActivitySeries.timeZone(of: page.activity)
        values["slots"] = page.slots.map { slot in
            [
                "key": slot.occurrence.recurrenceID,
                "time": ActivityTimeText.span(from: slot.occurrence.startsAt, to: slot.occurrence.endsAt, in: zone),
                "seats": seatsText(slot), "cancelled": slot.occurrence.cancelled, "chosen": slot.occurrence.id == page.chosen?.occurrence.id,
            ] as [String: Any]
        }
        values["mine"] = page.mine.map { mine in
            [
                "id": mine.registrationID, "name": mine.residentName, "time": ActivityTimeText.span(from: mine.startsAt, to: mine.endsAt, in: zone),
                "status": mine.status == .confirmed ? W.confirmed : W.waitlisted(mine.waitlistPosition ?? 1),
                "badge": mine.status == .confirmed ? "ok" : "warn",
            ] as [String: Any]
        }
        values["hasMine"] = !page.mine.isEmpty
        if let chosen = page.chosen { values.merge(signUp(page, chosen, zone: zone, request: request)) { _, new in new } }
        let html = pages.render(ActivityPageTemplates.activity, title: page.activity.fields.title, values, chrome: .app(.festival))
        return HTMLResponse.page(html, status: status, cookies: csrf.setCookie.map { [$0] } ?? [])
    }

    /// What the activity is: theme, next time, recurrence, place, seats, window, points, notes.
    private func about(_ page: ActivityPage) -> [String: Any] {
        let activity = page.activity
        let fields = activity.fields
        let zone = ActivitySeries.timeZone(of: activity)
        var values: [String: Any] = ["title": fields.title, "activityID": activity.id, "window": ActivityTimeText.window(fields)]
        values["cancelled"] = activity.state == .cancelled
        values["reason"] = activity.cancelReason?.nilIfEmpty
        values["theme"] = page.themeTitle
        if let next = page.slots.first(where: { !$0.occurrence.cancelled }) ?? page.slots.first {
            values["when"] = ActivityTimeText.span(from: next.occurrence.startsAt, to: next.occurrence.endsAt, in: zone)
        }
        values["recurrence"] = ActivityTimeText.recurrence(fields)
        values["place"] = activity.place
        values["capacity"] = fields.capacity.map { W.capacity($0) } ?? W.unlimited
        if fields.earnsPoints, fields.points > 0 { values["points"] = W.points(fields.points) }
        if !fields.formats.isEmpty { values["formats"] = fields.formats.joined(separator: W.listSeparator) }
        if !fields.volunteerRoles.isEmpty { values["volunteers"] = fields.volunteerRoles.joined(separator: W.listSeparator) }
        let notes = fields.notes.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        values["notes"] = notes
        values["hasNotes"] = !notes.isEmpty
        return values
    }

    /// The sign-up card of the chosen occurrence: the form, or why there is none.
    private func signUp(_ page: ActivityPage, _ chosen: ActivityPage.Slot, zone: TimeZone, request: Request) -> [String: Any] {
        var values: [String: Any] = [
            "chosenKey": chosen.occurrence.recurrenceID,
            "chosenTime": ActivityTimeText.span(from: chosen.occurrence.startsAt, to: chosen.occurrence.endsAt, in: zone),
            "chosenSeats": seatsText(chosen),
        ]
        switch page.window {
        case .open: break
        case .opensAt(let opens): values["closedMessage"] = W.opensAt(ActivityTimeText.moment(opens, in: zone))
        case .closed: values["closedMessage"] = W.closed
        case .cancelled: values["closedMessage"] = page.activity.state == .cancelled ? W.activityCancelled : W.occurrenceCancelled
        case .ended: values["closedMessage"] = W.occurrenceEnded
        }
        guard page.window == .open else { return values }
        switch page.viewer {
        case .anonymous:
            values["signIn"] = "/auth/sign-in?next=" + ReturnPath.encoded(request.pathAndQuery)
        case .reader:
            values["residentsOnly"] = true
        case .member:
            guard !page.people.isEmpty else {
                values["everyoneSignedUp"] = true
                return values
            }
            let family = page.people.filter { $0.relation != .covered }.map { person in
                ["id": person.id, "label": person.relation == .me ? W.myself(person.name) : W.family(person.name)] as [String: Any]
            }
            let covered = page.people.filter { $0.relation == .covered }.map { person in
                ["id": person.id, "label": W.covered(person.name, dwelling: person.dwelling)] as [String: Any]
            }
            // A head's proxy sign-up takes a reserved seat while one is free: not a waitlist for them.
            let full = chosen.freeGeneral == 0 && (covered.isEmpty || chosen.freeReserved == 0)
            values["form"] = true
            values["family"] = family
            values["hasFamily"] = !family.isEmpty
            values["covered"] = covered
            values["hasCovered"] = !covered.isEmpty
            values["full"] = full
            values["submit"] = full ? W.submitWaitlist : W.submit
        }
        return values
    }

    /// `余 3 席 · 候补 2 人`, `已满 · 候补 4 人`, `不限名额`.
    private func seatsText(_ slot: ActivityPage.Slot) -> String {
        guard let free = slot.freeGeneral else { return W.unlimited }
        var parts = [free > 0 ? W.seatsLeft(free) : W.full]
        if slot.seats.waitlisted > 0 { parts.append(W.waitlist(slot.seats.waitlisted)) }
        if slot.freeReserved > 0 { parts.append(W.reserved(slot.freeReserved)) }
        return parts.joined(separator: " · ")
    }

    /// `WebStrings.Activity` as the template's `t`.
    static let words: [String: String] = [
        "activityCancelled": W.activityCancelled, "cancelReason": W.cancelReason, "theme": W.theme, "when": W.when,
        "recurrence": W.recurrence, "place": W.place, "seats": W.seats, "window": W.window, "formats": W.formats,
        "volunteers": W.volunteers, "notes": W.notes, "mine": W.mine, "ticket": W.ticket, "cancel": W.cancel,
        "nextOccurrences": W.nextOccurrences, "noOccurrences": W.noOccurrences, "occurrenceCancelled": W.occurrenceCancelled,
        "chosen": W.chosen, "signUp": W.signUp, "fullHint": W.fullHint, "who": W.who, "groupFamily": W.groupFamily,
        "groupCovered": W.groupCovered, "everyoneSignedUp": W.everyoneSignedUp, "signInHint": W.signInHint,
        "signInToSignUp": W.signInToSignUp, "residentsOnly": W.residentsOnly,
    ]
}
