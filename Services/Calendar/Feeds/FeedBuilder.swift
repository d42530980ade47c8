import CalendarCore
import Foundation
import Models
import Postgres

/// Writes the iCalendar feeds: a compound's or a theme's activities (series with RRULE, RDATE, EXDATE and
/// RECURRENCE-ID overrides), and a resident's sign-ups (one event per registration).
struct FeedBuilder {
    let service: CalendarService
    let now: Date

    var since: Date { now.addingTimeInterval(-Double(service.configuration.feedHistoryDays) * 86_400) }

    func feed(_ key: FeedKey, on tx: isolated PostgresConnection) throws -> String? {
        switch key.kind {
        case .compound:
            guard let compound = try Residency.compound(key.subjectID, on: tx) else { return nil }
            return try activities(FeedStore.activities(compoundID: key.subjectID, since: since, on: tx), name: "\(compound.name) 活动日历", on: tx)
        case .theme:
            guard let theme = try ThemeStore.load(key.subjectID, on: tx) else { return nil }
            return try activities(
                FeedStore.activities(themeID: key.subjectID, since: since, on: tx),
                name: "\(theme.month) \(theme.template.title)",
                on: tx
            )
        case .resident:
            return try resident(key.subjectID, on: tx)
        }
    }

    /// A feed of activities (published and cancelled, with an occurrence within the feed's history or later).
    private func activities(_ records: [ActivityRecord], name: String, on tx: isolated PostgresConnection) throws -> String {
        let overrides = try OverrideStore.overrides(of: records.map(\.id), on: tx)
        let series = try records.compactMap { record in
            try ActivitySeries.make(record, overrides: overrides[record.id] ?? [], link: service.link(activityID: record.id))
        }
        return try ICalendarWriter().feed(name: name, series: series, now: now)
    }

    /// One VEVENT per registration; its SEQUENCE rises when the activity, the occurrence or the registration changes.
    private func resident(_ residentID: Int, on tx: isolated PostgresConnection) throws -> String? {
        guard let resident = try Residency.resident(residentID, on: tx) else { return nil }
        let rows = try FeedStore.signUps(residentID: residentID, since: since, on: tx)
        let zone = RecurrenceSet.defaultTimeZone
        let series: [EventSeries] = try rows.compactMap { row in
            let starts = try row.decode("starts_at", as: Date.self)
            guard let start = LocalDateTime(starts, in: zone) else { return nil }
            let status = try row.decode("status", as: RegistrationStatus.self)
            let occurrenceCancelled = try row.decode("cancelled", as: Bool.self)
            let activityCancelled = try row.decode("state", as: ActivityState.self) == .cancelled
            let cancelled = status == .cancelled || occurrenceCancelled || activityCancelled
            let title = try row.decode("occurrence_title", as: String.self) + (status == .waitlisted ? "（候补）" : "")
            let place = [try row.decode("venue_label", as: String?.self), try row.decode("occurrence_location", as: String?.self)]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
            let promoted = try row.decode("promoted", as: Bool.self)
            let sequence =
                try row.decode("sequence", as: Int.self) + row.decode("override_sequence", as: Int.self)
                + (status == .cancelled ? 1 : 0) + (promoted ? 1 : 0)
            let seconds = Int(try row.decode("ends_at", as: Date.self).timeIntervalSince(starts))
            return EventSeries(
                uid: "registration-\(try row.decode("id", as: Int.self))@linli",
                recurrence: RecurrenceSet(start: start, timeZone: zone, duration: .seconds(seconds)),
                details: EventDetails(
                    title: title,
                    location: place.nilIfEmpty,
                    notes: "签到码 \(try row.decode("check_in_code", as: String.self))",
                    url: URL(string: service.link(activityID: try row.decode("activity_id", as: Int.self)))
                ),
                status: cancelled ? .cancelled : .confirmed,
                sequence: sequence
            )
        }
        return try ICalendarWriter().feed(name: "\(resident.name) 的活动", series: series, now: now)
    }
}
