import Foundation

/// When a series happens: DTSTART, a duration, an optional `RRULE`, and `RDATE` / `EXDATE` lists (RFC 5545 §3.8.5).
///
/// `RDATE` adds one-off dates the rule cannot express (a lunar-calendar festival, a make-up working day);
/// `EXDATE` removes instances, whether the rule or an `RDATE` produced them. All times are local to ``timeZone``.
public struct RecurrenceSet: Sendable, Hashable {
    /// The zone Linli's compounds live in, used when none is given.
    public static let defaultTimeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!

    /// DTSTART: the first occurrence, always part of the set unless an `EXDATE` removes it.
    public var start: LocalDateTime
    /// The zone every local time of the set is read in.
    public var timeZone: TimeZone
    /// How long each occurrence lasts; a negative duration is treated as zero.
    public var duration: Duration
    /// The rule, or `nil` for a single event (plus any `RDATE`s).
    public var rule: RecurrenceRule?
    /// `RDATE`: extra occurrence starts.
    public var rdates: [LocalDateTime]
    /// `EXDATE`: starts removed from the set.
    public var exdates: [LocalDateTime]

    /// Creates a recurrence set.
    public init(
        start: LocalDateTime,
        timeZone: TimeZone = RecurrenceSet.defaultTimeZone,
        duration: Duration,
        rule: RecurrenceRule? = nil,
        rdates: [LocalDateTime] = [],
        exdates: [LocalDateTime] = []
    ) {
        self.start = start
        self.timeZone = timeZone
        self.duration = duration
        self.rule = rule
        self.rdates = rdates
        self.exdates = exdates
    }

    /// The duration in whole seconds, never negative.
    var durationSeconds: Int {
        max(0, Int(duration.components.seconds))
    }
}
