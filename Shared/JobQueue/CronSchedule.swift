import Foundation

/// A five-field cron expression (`minute hour day-of-month month day-of-week`) in a time zone.
///
/// Fields take `*`, numbers, ranges `1-5`, lists `1,15`, steps `*/10` or `8-18/2`, month names
/// `JAN`–`DEC` and day names `SUN`–`SAT` (0 and 7 are both Sunday). As in Vixie cron, when both
/// day fields are restricted a day matches either of them. Times are computed in ``timeZone``
/// (Asia/Shanghai unless said otherwise).
public struct CronSchedule: Sendable, Equatable, CustomStringConvertible {
    let minutes: Set<Int>
    let hours: Set<Int>
    let daysOfMonth: Set<Int>
    let months: Set<Int>
    /// 0 = Sunday … 6 = Saturday.
    let daysOfWeek: Set<Int>
    let dayOfMonthRestricted: Bool
    let dayOfWeekRestricted: Bool
    /// The time zone slots are computed in.
    public let timeZone: TimeZone
    /// The expression as written.
    public let expression: String

    public var description: String { "\(expression) (\(timeZone.identifier))" }

    /// Parses an expression.
    /// - Throws: ``CronScheduleError`` naming the field that is wrong.
    public init(_ expression: String, timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!) throws {
        let fields = expression.split(whereSeparator: \.isWhitespace).map(String.init)
        guard fields.count == 5 else {
            throw CronScheduleError(field: "expression", value: expression, reason: "needs 5 fields, has \(fields.count)")
        }
        self.expression = fields.joined(separator: " ")
        self.timeZone = timeZone
        minutes = try Self.parse(fields[0], field: "minute", range: 0...59, names: [:])
        hours = try Self.parse(fields[1], field: "hour", range: 0...23, names: [:])
        daysOfMonth = try Self.parse(fields[2], field: "day of month", range: 1...31, names: [:])
        months = try Self.parse(fields[3], field: "month", range: 1...12, names: Self.monthNames)
        daysOfWeek = Set(try Self.parse(fields[4], field: "day of week", range: 0...7, names: Self.dayNames).map { $0 % 7 })
        dayOfMonthRestricted = fields[2] != "*"
        dayOfWeekRestricted = fields[4] != "*"
    }

    private static let monthNames = Dictionary(
        uniqueKeysWithValues: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"].enumerated()
            .map { ($1, $0 + 1) }
    )
    private static let dayNames = Dictionary(
        uniqueKeysWithValues: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"].enumerated().map { ($1, $0) }
    )

    private static func parse(_ text: String, field: String, range: ClosedRange<Int>, names: [String: Int]) throws -> Set<Int> {
        var values = Set<Int>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { throw CronScheduleError(field: field, value: text, reason: "more than one '/'") }
            var step = 1
            if pieces.count == 2 {
                guard let parsed = Int(pieces[1]), parsed > 0 else {
                    throw CronScheduleError(field: field, value: text, reason: "step must be a positive number")
                }
                step = parsed
            }
            let span: ClosedRange<Int>
            if pieces[0] == "*" {
                span = range
            } else {
                let bounds = pieces[0].split(separator: "-", omittingEmptySubsequences: false).map { bound -> Int? in
                    Int(bound) ?? names[bound.uppercased()]
                }
                guard (1...2).contains(bounds.count), let low = bounds.first ?? nil, let high = bounds.last ?? nil,
                    range.contains(low), range.contains(high), low <= high
                else { throw CronScheduleError(field: field, value: text, reason: "expected values in \(range.lowerBound)–\(range.upperBound)") }
                span = low...(pieces.count == 2 && bounds.count == 1 ? range.upperBound : high)
            }
            values.formUnion(stride(from: span.lowerBound, through: span.upperBound, by: step))
        }
        return values
    }
}

/// A cron expression that cannot be parsed.
public struct CronScheduleError: Error, Sendable, CustomStringConvertible {
    /// The field that is wrong.
    public let field: String
    /// What was written there.
    public let value: String
    /// What was expected.
    public let reason: String

    public var description: String { "cron \(field) '\(value)': \(reason)" }
}
