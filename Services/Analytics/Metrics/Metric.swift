/// One metric of the glossary: what it is called, what it means, and how it is computed from the rollups.
public struct Metric: Sendable {
    /// How the value is computed for one bucket and group, from sums over rollup measures and gauges.
    enum Formula: Sendable {
        /// Σ measure.
        case sum(Measure)
        /// Σ numerator / Σ denominators (or one minus it); no value when the denominator is 0.
        case ratio(Measure, over: [Measure], complement: Bool = false)
        /// Σ measure / Σ gauge (the gauge as it was at the end of the bucket).
        case measureOverGauge(Measure, over: Gauge)
        /// Σ gauge / Σ gauge.
        case gaugeRatio(Gauge, over: Gauge)
        /// Σ gauge.
        case gauge(Gauge)
        /// The nearest-rank percentile (0–1) of the hours to settle.
        case settleHoursPercentile(Double)
    }

    /// A count of people behind a value: a value whose count is 1 to the threshold − 1 is suppressed.
    enum PeopleCount: Sendable {
        case measure(Measure)
        case gauge(Gauge)
    }

    public let id: String
    public let nameZh: String
    public let nameEn: String
    public let definition: String
    public let definitionZh: String
    /// `count`, `share` (0–1), `hours` or `points`.
    public let unit: String
    /// The breakdowns offered (`groupBy=`).
    public let groupBy: [GroupBy]
    let formula: Formula
    /// The people counts a value rests on; empty when the metric does not describe people.
    let people: [PeopleCount]

    /// Whether the metric counts people, so small values are suppressed.
    public var describesPeople: Bool { !people.isEmpty }

    /// The rollup dimension a breakdown reads for this metric.
    func dimension(for groupBy: GroupBy?) -> Dimension {
        switch groupBy {
        case .theme: .theme
        case .channel: usesNotificationChannel ? .notificationChannel : .channel
        case .star: .star
        default:
            if case .settleHoursPercentile = formula { .settleHours } else if id == "star-distribution" { .star } else { .none }
        }
    }

    var usesNotificationChannel: Bool { id.hasPrefix("notification") }
}

/// A breakdown of a metric.
public enum GroupBy: String, Sendable, CaseIterable, Codable {
    case area, compound, grid, theme, channel, star
}
