import Foundation
import Synchronization

/// The grains rollups are kept at: a local day, an ISO week (Monday first) and a month.
public enum Grain: String, Sendable, CaseIterable, Codable {
    case day = "d"
    case week = "w"
    case month = "m"

    /// The name used in the API (`interval=`).
    public var interval: String {
        switch self {
        case .day: "day"
        case .week: "week"
        case .month: "month"
        }
    }

    /// The grain for an `interval=` value.
    public init?(interval: String) {
        guard let grain = Grain.allCases.first(where: { $0.interval == interval }) else { return nil }
        self = grain
    }
}

/// The buckets containing one instant, at every grain (in `Grain.allCases` order).
public struct Spans: Sendable {
    public let starts: [Date]
    public let ends: [Date]
    public let labels: [String]
    /// The local year of the instant.
    public let year: Int
}

/// Cuts time into local days, weeks and months, the same way the rebuild's SQL does.
public struct Buckets: Sendable {
    public let calendar: Calendar
    /// Spans by local day number: calendar arithmetic costs microseconds, and ingest asks for the
    /// same few hundred days again and again.
    private let spanCache = SpanCache()

    /// Buckets in a time zone.
    public init(timeZone: TimeZone) {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        self.calendar = calendar
    }

    /// The day, week and month containing `date`.
    public func spans(containing date: Date) -> Spans {
        let local = date.timeIntervalSince1970 + Double(calendar.timeZone.secondsFromGMT(for: date))
        let day = Int((local / 86_400).rounded(.down))
        if let known = spanCache.entries.withLock({ $0[day] }) { return known }
        let starts = Grain.allCases.map { start(of: $0, containing: date) }
        let spans = Spans(
            starts: starts,
            ends: zip(Grain.allCases, starts).map { next($0, after: $1) },
            labels: starts.map(label),
            year: calendar.component(.year, from: date)
        )
        spanCache.entries.withLock { entries in
            if entries.count >= 20_000 { entries.removeAll(keepingCapacity: true) }
            entries[day] = spans
        }
        return spans
    }

    /// The start of the bucket of `grain` containing `date`.
    public func start(of grain: Grain, containing date: Date) -> Date {
        let component: Calendar.Component =
            switch grain {
            case .day: .day
            case .week: .weekOfYear
            case .month: .month
            }
        return calendar.dateInterval(of: component, for: date)?.start ?? date
    }

    /// The start of the bucket after the one starting at `start`.
    public func next(_ grain: Grain, after start: Date) -> Date {
        switch grain {
        case .day: calendar.date(byAdding: .day, value: 1, to: start) ?? start
        case .week: calendar.date(byAdding: .day, value: 7, to: start) ?? start
        case .month: calendar.date(byAdding: .month, value: 1, to: start) ?? start
        }
    }

    /// The local date of a bucket start, `YYYY-MM-DD`, as rollups store it.
    public func label(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// The instant a stored bucket label starts at.
    public func date(fromLabel label: String) -> Date? {
        let parts = label.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    /// Bucket starts of `grain` from the one containing `from` up to (not including) `to`.
    public func series(_ grain: Grain, from: Date, to: Date) -> [Date] {
        var result: [Date] = []
        var cursor = start(of: grain, containing: from)
        while cursor < to && result.count <= 5_000 {
            result.append(cursor)
            cursor = next(grain, after: cursor)
        }
        return result
    }

    /// The timestamp of a bucket start with the zone's offset, e.g. `2025-03-01T00:00:00+08:00`.
    public func timestamp(_ date: Date) -> String {
        let offset = calendar.timeZone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3600
        let minutes = abs(offset) % 3600 / 60
        return label(date) + "T00:00:00" + sign + String(format: "%02d:%02d", hours, minutes)
    }
}

/// The memo behind ``Buckets/spans(containing:)``.
final class SpanCache: Sendable {
    let entries = Mutex<[Int: Spans]>([:])
}
