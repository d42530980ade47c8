import Foundation

/// A fixed-offset zone as a feed's VTIMEZONE describes it.
///
/// Only zones without daylight saving are supported: China has used UTC+8 without DST since 1991, and a
/// zone with transitions would need their rules written out, which Foundation does not expose.
public struct ICalendarTimeZone: Sendable, Hashable {
    /// The TZID, matching `TimeZone.identifier` of the series written with it (e.g. `Asia/Shanghai`).
    public let identifier: String
    /// The offset from UTC in seconds (28,800 for UTC+8).
    public let utcOffsetSeconds: Int
    /// TZNAME (e.g. `CST`, China Standard Time).
    public let abbreviation: String

    /// China Standard Time, UTC+8, which every Linli compound uses.
    public static let shanghai = ICalendarTimeZone(identifier: "Asia/Shanghai", utcOffsetSeconds: 8 * 3600, abbreviation: "CST")

    /// Describes a fixed-offset zone.
    public init(identifier: String, utcOffsetSeconds: Int, abbreviation: String) {
        self.identifier = identifier
        self.utcOffsetSeconds = utcOffsetSeconds
        self.abbreviation = abbreviation
    }

    /// The offset as VTIMEZONE writes it, `+0800`.
    var offsetText: String {
        let minutes = abs(utcOffsetSeconds) / 60
        return (utcOffsetSeconds < 0 ? "-" : "+") + LocalDate.pad(minutes / 60, 2) + LocalDate.pad(minutes % 60, 2)
    }

    /// The VTIMEZONE component's lines.
    var componentLines: [String] {
        [
            "BEGIN:VTIMEZONE",
            "TZID:\(ICalendarText.sanitized(identifier))",
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "TZOFFSETFROM:\(offsetText)",
            "TZOFFSETTO:\(offsetText)",
            "TZNAME:\(ICalendarText.escaped(abbreviation))",
            "END:STANDARD",
            "END:VTIMEZONE",
        ]
    }
}
