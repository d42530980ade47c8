import Foundation

/// Writes a subscribable iCalendar feed (RFC 5545, `METHOD:PUBLISH`) of event series.
///
/// Each series becomes a VEVENT with its RRULE, RDATE and EXDATE, followed by one VEVENT per override
/// (`RECURRENCE-ID`), cancelled occurrences included with `STATUS:CANCELLED`. Lines end in CRLF and
/// are folded at 75 octets.
public struct ICalendarWriter: Sendable {
    /// PRODID: who wrote the feed.
    public var productID: String
    /// The one zone every series in the feed uses; its VTIMEZONE is written once.
    public var timeZone: ICalendarTimeZone

    /// Creates a writer.
    public init(productID: String = "-//Linli//Calendar//ZH", timeZone: ICalendarTimeZone = .shanghai) {
        self.productID = productID
        self.timeZone = timeZone
    }

    /// The feed's text.
    /// - Parameters:
    ///   - name: X-WR-CALNAME, the name phones show for the subscription (e.g. the compound's name).
    ///   - series: the events; each one's time zone must be the writer's.
    ///   - now: DTSTAMP, when this feed was generated.
    /// - Throws: ``CalendarError`` with `unsupportedTimeZone` for a series in another zone, or an expansion
    ///   error while checking which overrides still name an occurrence.
    public func feed(name: String, series: [EventSeries], now: Date) throws(CalendarError) -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "PRODID:\(ICalendarText.escaped(productID))",
            "VERSION:2.0",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:\(ICalendarText.escaped(name))",
            "X-WR-TIMEZONE:\(ICalendarText.sanitized(timeZone.identifier))",
        ]
        lines += timeZone.componentLines
        let stamp = "DTSTAMP:\(RecurrenceRule.utcText(now))"
        for event in series {
            guard event.recurrence.timeZone.identifier == timeZone.identifier else {
                throw CalendarError(code: .unsupportedTimeZone, reason: "a series' time zone differs from the feed's VTIMEZONE")
            }
            lines += masterLines(event, stamp: stamp)
            for override in event.overrides.values.sorted(by: { $0.recurrenceID < $1.recurrenceID })
            where try event.recurrence.contains(override.recurrenceID) {
                lines += overrideLines(event, override, stamp: stamp)
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map(ICalendarText.folded).joined(separator: "\r\n") + "\r\n"
    }
}
