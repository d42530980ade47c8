import CalendarCore
import Foundation
import Models
import Postgres
import QRCode
import ServiceKit

/// What a ticket page shows: the registration (read through ``RegistrationDesk``, so only its
/// resident, who registered them, a head covering them or the compound's staff see it) with its
/// activity and occurrence.
struct TicketPage: Sendable {
    let registration: RegistrationView
    let activityTitle: String
    let time: String
    let location: String?
    let startsAt: Date
    let endsAt: Date
    let zone: TimeZone

    /// The registration's page, or the desk's 404 for anyone else.
    static func load(_ id: Int, service: CalendarService, by caller: Caller) async throws -> TicketPage {
        let registration = try await RegistrationDesk(service: service).registration(id, by: caller)
        return try await service.pool.withConnection { connection in
            guard let activity = try ActivityStore.load(registration.activityID, on: connection),
                let occurrence = try OccurrenceStore.load(registration.occurrenceID, on: connection)
            else { throw Refusal.notFound("registration") }
            let zone = ActivitySeries.timeZone(of: activity)
            return TicketPage(
                registration: registration,
                activityTitle: activity.fields.title,
                time: ActivityTimeText.span(from: occurrence.startsAt, to: occurrence.endsAt, in: zone),
                location: activity.fields.location?.nilIfEmpty,
                startsAt: occurrence.startsAt,
                endsAt: occurrence.endsAt,
                zone: zone
            )
        }
    }

    /// The QR code of the check-in payload the door's scanner reads (`linli-checkin:v1:…`), as SVG.
    var qrSVG: String {
        (try? QRCode(registration.qrPayload).svg(moduleSize: 6, label: WebStrings.Ticket.qrLabel)) ?? ""
    }
}

extension TicketPage {
    /// The one occurrence as an iCalendar file a phone adds to its calendar (`/tickets/{id}/event.ics`):
    /// the same UID as the resident's feed, so a phone holding both keeps one event; cancelled when the
    /// registration is.
    func calendarFile(link: String, now: Date) throws -> String? {
        guard let start = LocalDateTime(startsAt, in: zone) else { return nil }
        let title = activityTitle + (registration.status == .waitlisted ? WebStrings.Ticket.waitlistSuffix : "")
        let event = EventSeries(
            uid: "registration-\(registration.id)@linli",
            recurrence: RecurrenceSet(start: start, timeZone: zone, duration: .seconds(Int(endsAt.timeIntervalSince(startsAt)))),
            details: EventDetails(
                title: title,
                location: location,
                notes: "\(WebStrings.Ticket.code) \(registration.checkInCode)",
                url: URL(string: link)
            ),
            status: registration.status == .cancelled ? .cancelled : .confirmed
        )
        return try ICalendarWriter().feed(name: activityTitle, series: [event], now: now)
    }
}
