import CalendarCore
import Foundation
import ServiceKit

/// Builds CalendarCore's view of an activity: its recurrence set, details and overrides.
enum ActivitySeries {
    /// The activity's zone, Asia/Shanghai unless it says otherwise.
    static func timeZone(of record: ActivityRecord) -> TimeZone {
        TimeZone(identifier: record.timeZone) ?? RecurrenceSet.defaultTimeZone
    }

    /// The series, or `nil` for a draft that has no start yet.
    /// - Throws: ``Refusal`` (422) when a stored rule or date no longer parses (it was checked when written).
    static func make(_ record: ActivityRecord, overrides: [OverrideRecord], link: String) throws -> EventSeries? {
        guard let start = record.fields.startTime else { return nil }
        let fields = record.fields
        let rule = try fields.recurrence.map { text in try RecurrenceRule(parsing: text) }
        let recurrence = RecurrenceSet(
            start: start,
            timeZone: timeZone(of: record),
            duration: .seconds(fields.durationMinutes * 60),
            rule: rule,
            rdates: fields.rdates.compactMap(LocalDateTime.init(text:)),
            exdates: fields.exdates.compactMap(LocalDateTime.init(text:))
        )
        return EventSeries(
            uid: record.uid,
            recurrence: recurrence,
            details: EventDetails(
                title: fields.title,
                location: record.place,
                notes: fields.notes.nilIfEmpty,
                url: URL(string: link),
                capacity: fields.capacity
            ),
            status: record.state == .cancelled ? .cancelled : .confirmed,
            sequence: record.sequence,
            overrides: overrides.compactMap(\.override)
        )
    }

    /// The series, which must exist (the activity has a start).
    static func require(_ record: ActivityRecord, overrides: [OverrideRecord], link: String) throws -> EventSeries {
        guard let series = try make(record, overrides: overrides, link: link) else {
            throw Refusal.invalid("start", "is required")
        }
        return series
    }
}
