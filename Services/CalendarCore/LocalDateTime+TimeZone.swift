import Foundation

extension LocalDateTime {
    /// The wall-clock time `instant` shows in `timeZone`, or `nil` outside years 1...9999.
    public init?(_ instant: Date, in timeZone: TimeZone) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: instant)
        self.init(localSeconds: seconds)
    }

    /// The instant this wall-clock time means in `timeZone`, following RFC 5545 §3.3.5.
    ///
    /// A time that occurs twice (clocks going back) means the first of the two; a time skipped by clocks
    /// going forward is read with the offset from before the gap. Asia/Shanghai has had neither since 1991.
    public func instant(in timeZone: TimeZone) -> Date {
        resolved(in: timeZone).instant
    }

    /// The instant, and whether the wall-clock time really occurs in `timeZone` (false inside a forward gap).
    ///
    /// Rule-generated instances in a gap are skipped and not counted, as RFC 5545 §3.8.5.3 requires.
    func resolved(in timeZone: TimeZone) -> (instant: Date, exists: Bool) {
        let local = localSeconds
        // The offsets a day either side bracket any transition near this time; trying the earlier
        // offset first picks the earlier instant when the time occurs twice.
        let before = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local - 86_400)))
        let after = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local + 86_400)))
        for offset in before == after ? [before] : [before, after] {
            let candidate = Date(timeIntervalSince1970: TimeInterval(local - offset))
            if timeZone.secondsFromGMT(for: candidate) == offset { return (candidate, true) }
        }
        return (Date(timeIntervalSince1970: TimeInterval(local - before)), false)
    }
}
