import Foundation

/// The hours when pushes to people's phones wait (22:00–07:30 Asia/Shanghai by default).
///
/// A push that falls due inside them is deferred to their end, never dropped; urgent kinds are sent
/// at once. The window may cross midnight (`22:00-07:30`) or not (`12:00-14:00`).
public struct QuietHours: Sendable, Equatable {
    /// Minutes after midnight when quiet hours start and end; `nil` when there are none.
    public let start: Int?
    public let end: Int?
    /// The zone the times are read in.
    public let timeZone: TimeZone

    /// The default: 22:00–07:30 in Asia/Shanghai.
    public static let `default` = QuietHours("22:00-07:30", timeZone: TimeZone(identifier: "Asia/Shanghai")!)!

    /// Parses `HH:MM-HH:MM`, or `off` for none.
    public init?(_ text: String, timeZone: TimeZone) {
        self.timeZone = timeZone
        if text.lowercased() == "off" {
            start = nil
            end = nil
            return
        }
        let parts = text.split(separator: "-").map { Self.minutes(String($0)) }
        guard parts.count == 2, let start = parts[0], let end = parts[1], start != end else { return nil }
        self.start = start
        self.end = end
    }

    /// Quiet hours from one minute of the day to another (for tests and settings built in code).
    public init(startMinute: Int, endMinute: Int, timeZone: TimeZone) {
        start = startMinute % 1_440
        end = endMinute % 1_440
        self.timeZone = timeZone
    }

    /// When a push due at `date` may go: `nil` if now, else the end of the quiet hours it falls in.
    public func deferral(for date: Date) -> Date? {
        guard let start, let end else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        let minute = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        let quiet = start < end ? (minute >= start && minute < end) : (minute >= start || minute < end)
        guard quiet else { return nil }
        let midnight = calendar.startOfDay(for: date)
        // The end lies today if it is still ahead of us, else tomorrow (a window across midnight, seen before it).
        let dayOffset = minute < end ? 0 : 1
        guard let day = calendar.date(byAdding: .day, value: dayOffset, to: midnight) else { return nil }
        return calendar.date(bySettingHour: end / 60, minute: end % 60, second: 0, of: day)
    }

    /// `HH:MM` as minutes after midnight.
    private static func minutes(_ text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        return hour * 60 + minute
    }
}
