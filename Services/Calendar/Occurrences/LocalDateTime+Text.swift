import CalendarCore
import Foundation

extension LocalDateTime {
    /// Reads a local wall-clock time as the API writes it: `2025-03-08T09:00:00`, `2025-03-08T09:00`,
    /// `2025-03-08 09:00`, or iCalendar's `20250308T090000`; `nil` for anything else.
    init?(text: String) {
        if let compact = LocalDateTime(iCalendarText: text) {
            self = compact
            return
        }
        let bytes = Array(text.utf8)
        guard bytes.count == 16 || bytes.count == 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":"),
            bytes.count == 16 || bytes[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
            let minute = number(14..<16), let second = bytes.count == 19 ? number(17..<19) : 0
        else { return nil }
        self.init(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// The minutes since midnight of the wall-clock time.
    var minuteOfDay: Int { hour * 60 + minute }
}

/// Times in the words the people told read them in, e.g. `3月8日 09:30`.
enum ChineseTime {
    static func dayAndTime(_ local: LocalDateTime) -> String {
        "\(local.date.month)月\(local.date.day)日 \(pad(local.hour)):\(pad(local.minute))"
    }

    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
