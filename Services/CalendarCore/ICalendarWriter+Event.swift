import Foundation

extension ICalendarWriter {
    /// The series' own VEVENT: its first occurrence, rule, RDATE and EXDATE.
    func masterLines(_ event: EventSeries, stamp: String) -> [String] {
        let recurrence = event.recurrence
        let start = recurrence.start.instant(in: recurrence.timeZone)
        var lines = ["BEGIN:VEVENT", "UID:\(ICalendarText.escaped(event.uid))", stamp]
        lines.append(localLine("DTSTART", recurrence.start))
        lines += endLine(start.addingTimeInterval(TimeInterval(recurrence.durationSeconds)), zone: recurrence.timeZone)
        lines.append("SEQUENCE:\(event.sequence)")
        lines.append("STATUS:\(event.status.rawValue)")
        lines += detailLines(event.details)
        if let rule = recurrence.rule { lines.append("RRULE:\(rule.anchoringUntil(in: recurrence.timeZone).text)") }
        if !recurrence.rdates.isEmpty { lines.append(localLine("RDATE", recurrence.rdates.sorted())) }
        if !recurrence.exdates.isEmpty { lines.append(localLine("EXDATE", recurrence.exdates.sorted())) }
        lines.append("END:VEVENT")
        return lines
    }

    /// A VEVENT replacing one occurrence, with the series' UID and the occurrence's `RECURRENCE-ID`.
    func overrideLines(_ event: EventSeries, _ override: OccurrenceOverride, stamp: String) -> [String] {
        let occurrence = event.occurrence(at: override.recurrenceID)
        var lines = ["BEGIN:VEVENT", "UID:\(ICalendarText.escaped(event.uid))", stamp]
        lines.append(localLine("RECURRENCE-ID", override.recurrenceID))
        lines.append(localLine("DTSTART", occurrence.start))
        lines += endLine(occurrence.endInstant, zone: event.recurrence.timeZone)
        lines.append("SEQUENCE:\(override.sequence)")
        lines.append("STATUS:\(occurrence.status.rawValue)")
        lines += detailLines(occurrence.details)
        lines.append("END:VEVENT")
        return lines
    }

    /// SUMMARY, LOCATION, DESCRIPTION (with the link, so readers that hide URL still show it) and URL.
    private func detailLines(_ details: EventDetails) -> [String] {
        var lines = ["SUMMARY:\(ICalendarText.escaped(details.title))"]
        if let location = details.location, !location.isEmpty { lines.append("LOCATION:\(ICalendarText.escaped(location))") }
        let link = details.url.map { ICalendarText.sanitized($0.absoluteString) }
        var description = details.notes ?? ""
        if let link, !description.contains(link) { description += description.isEmpty ? link : "\n\n\(link)" }
        if !description.isEmpty { lines.append("DESCRIPTION:\(ICalendarText.escaped(description))") }
        if let link { lines.append("URL:\(link)") }
        return lines
    }

    /// `NAME;TZID=zone:local[,local...]`.
    private func localLine(_ name: String, _ values: LocalDateTime...) -> String {
        localLine(name, values)
    }

    private func localLine(_ name: String, _ values: [LocalDateTime]) -> String {
        "\(name);TZID=\(ICalendarText.parameterValue(timeZone.identifier)):" + values.map(\.iCalendarText).joined(separator: ",")
    }

    /// DTEND in local time, or nothing if the instant is outside years 1...9999.
    private func endLine(_ end: Date, zone: TimeZone) -> [String] {
        guard let local = LocalDateTime(end, in: zone) else { return [] }
        return [localLine("DTEND", local)]
    }
}
