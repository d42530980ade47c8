/// A day of the Gregorian calendar written `YYYY-MM-DD`, checked to exist.
///
/// Foundation's ISO 8601 parsing rolls an impossible day over (`2026-02-30` becomes 2 March), so
/// every reader of dates, the JSON decoder and the query parameters alike, asks this first.
public enum CivilDay {
    /// The year, month and day of `YYYY-MM-DD`, or `nil` when the text is not one or the day does not exist.
    public static func parse(_ text: some StringProtocol) -> (year: Int, month: Int, day: Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1
        else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[month - 1] else { return nil }
        return (year, month, day)
    }

    /// Whether the text starts like a day (`NNNN-NN-NN…`) that does not exist, such as `2026-02-30T09:00`.
    public static func isImpossible(_ text: some StringProtocol) -> Bool {
        let prefix = text.prefix(10)
        guard prefix.count == 10, prefix.dropFirst(4).first == "-", prefix.dropFirst(7).first == "-",
            prefix.allSatisfy({ $0.isNumber || $0 == "-" })
        else { return false }
        return parse(prefix) == nil
    }
}
