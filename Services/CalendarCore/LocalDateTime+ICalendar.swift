/// The basic ISO 8601 forms iCalendar writes dates and times in (`20250308`, `20250308T090000`).
extension LocalDate {
    /// Parses `YYYYMMDD`; `nil` for anything else or a day that does not exist.
    public init?(iCalendarText text: some StringProtocol) {
        let digits = Array(text.utf8)
        guard digits.count == 8, let year = Self.number(digits[0..<4]), let month = Self.number(digits[4..<6]),
            let day = Self.number(digits[6..<8])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date as `YYYYMMDD`.
    public var iCalendarText: String {
        Self.pad(year, 4) + Self.pad(month, 2) + Self.pad(day, 2)
    }

    /// The value of ASCII digits, or `nil` if any byte is not a digit (so no signs or spaces slip through `Int.init`).
    static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return bytes.isEmpty ? nil : value
    }
}

extension LocalDateTime {
    /// Parses a local (floating) `YYYYMMDDTHHMMSS`; `nil` for anything else, including a trailing `Z`.
    public init?(iCalendarText text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 15, bytes[8] == UInt8(ascii: "T"), let date = LocalDate(iCalendarText: String(decoding: bytes[0..<8], as: UTF8.self)),
            let hour = LocalDate.number(bytes[9..<11]), let minute = LocalDate.number(bytes[11..<13]),
            let second = LocalDate.number(bytes[13..<15])
        else { return nil }
        self.init(date: date, hour: hour, minute: minute, second: second)
    }

    /// The date-time as `YYYYMMDDTHHMMSS`, without a zone designator.
    public var iCalendarText: String {
        date.iCalendarText + "T" + LocalDate.pad(hour, 2) + LocalDate.pad(minute, 2) + LocalDate.pad(second, 2)
    }
}
