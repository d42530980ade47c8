import Foundation
import Postgres
import ServiceKit

/// Reads what the activity page shows. Anyone may read a published (or cancelled) activity: what a compound
/// publishes is public to the link its residents are sent; a draft is missing (404). Signed in, a resident or
/// head also gets whom they may sign up (themself, their household, a head's covered households) and their
/// sign-ups. Writes go through ``RegistrationDesk``, which checks every rule again.
struct ActivityPageDesk {
    let service: CalendarService

    /// How many occurrences the page lists.
    static let listed = 6

    /// The page of an activity, with `occurrence` (a recurrence id) chosen for signing up, else the next one.
    /// - Throws: ``Refusal`` 404 for an unknown or draft activity, or an occurrence it does not have.
    func page(activityID: Int, occurrence: String?, principal: Principal?) async throws -> ActivityPage {
        let now = service.clock.now()
        let wanted = try occurrence.map(OccurrenceKey.parse)
        return try await service.pool.withConnection { tx in
            guard let activity = try ActivityStore.load(activityID, on: tx), activity.state != .draft else {
                throw Refusal.notFound("activity")
            }
            let theme = try activity.themeID.flatMap { try ThemeStore.load($0, on: tx) }?.template.title
            var occurrences = try ActivityPageStore.upcoming(activityID: activityID, now: now, limit: Self.listed, on: tx)
            var chosenID: Int?
            if let wanted {
                if let listed = occurrences.first(where: { $0.recurrenceID == wanted }) {
                    chosenID = listed.id
                } else if let found = try OccurrenceStore.find(activityID: activityID, recurrenceID: wanted, on: tx) {
                    chosenID = found.id
                    occurrences.append(found)
                } else {
                    throw Refusal.notFound("occurrence")
                }
            } else {
                chosenID = occurrences.first { !$0.cancelled && $0.startsAt > now }?.id
            }
            let seats = try ActivityPageStore.seats(occurrences.map(\.id), on: tx)
            let slots = occurrences.map { ActivityPage.Slot(occurrence: $0, seats: seats[$0.id] ?? .none) }
            let chosen = slots.first { $0.occurrence.id == chosenID }
            var page = ActivityPage(
                activity: activity,
                themeTitle: theme,
                slots: slots,
                chosen: chosen,
                window: chosen.map { Self.window(activity, $0.occurrence, now: now) } ?? .closed,
                viewer: principal == nil ? .anonymous : .reader,
                people: [],
                mine: []
            )
            if let principal { try addPeople(to: &page, principal: principal, now: now, on: tx) }
            return page
        }
    }

    /// Whom the principal may sign up, and their sign-ups: a resident themself and their household in the
    /// activity's compound; a head also the residents of the households they cover.
    private func addPeople(to page: inout ActivityPage, principal: Principal, now: Date, on tx: isolated PostgresConnection) throws {
        guard principal.has(.resident, .head), let me = principal.residentID else { return }
        let compoundID = page.activity.compoundID
        let covered = principal.role == .head ? try Residency.households(coveredBy: me, now: now, on: tx) : []
        var people: [ActivityPage.Person] = []
        let myself = try Residency.resident(me, on: tx)
        if let myself, myself.compoundID == compoundID {
            people.append(ActivityPage.Person(id: me, name: myself.name, relation: .me, dwelling: nil))
        }
        let household = myself?.compoundID == compoundID ? myself?.householdID : nil
        people += try ActivityPageStore.people(compoundID: compoundID, household: household, covered: covered, on: tx).filter { $0.id != me }
        guard !people.isEmpty else { return }
        page.viewer = .member
        if let chosen = page.chosen {
            let registered = try ActivityPageStore.registered(occurrenceID: chosen.occurrence.id, residents: people.map(\.id), on: tx)
            page.people = people.filter { !registered.contains($0.id) }
        }
        page.mine = try ActivityPageStore.mine(activityID: page.activity.id, residentID: me, covered: covered, now: now, on: tx)
    }

    /// Whether sign-up for the occurrence is open now, as ``RegistrationDesk/checkWindow(_:occurrence:now:)`` decides.
    static func window(_ activity: ActivityRecord, _ occurrence: OccurrenceRecord, now: Date) -> ActivityPage.Window {
        if activity.state != .published || occurrence.cancelled { return .cancelled }
        if occurrence.endsAt <= now { return .ended }
        do {
            try RegistrationDesk.checkWindow(activity.fields, occurrence: occurrence, now: now)
            return .open
        } catch {
            guard let days = activity.fields.registrationOpensDaysBefore else { return .closed }
            let opens = occurrence.startsAt.addingTimeInterval(-Double(days) * 86_400)
            return now < opens ? .opensAt(opens) : .closed
        }
    }
}
