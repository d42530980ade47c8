/// A metric's formula and people counts resolved, once per request, to the columns of the sum tables
/// read for it: a cell's value then costs a few array reads, with no lookups by name.
struct ResolvedMetric: Sendable {
    /// Where a measure or gauge sits in the tables; `.none` when it was not read (it sums to 0).
    enum Slot: Sendable, Equatable {
        case measure(Int)
        case gauge(Int)
        case none
    }

    enum Formula: Sendable {
        case value(Slot)
        /// Σ numerator / Σ denominators, or one minus it; no value when the denominator is 0.
        case ratio(Slot, over: [Slot], complement: Bool)
        /// Σ numerator / Σ denominator; no value when the denominator is 0.
        case quotient(Slot, over: Slot)
        /// The nearest-rank percentile of the hours-to-settle histogram.
        case percentile(Double)
    }

    /// One (bucket, group) cell: the group's index in each table, when that table has the group.
    struct Cell {
        let bucket: Int
        let measureGroup: Int?
        let gaugeGroup: Int?
    }

    let formula: Formula
    let people: [Slot]
    let measures: SumTable
    let gauges: SumTable

    init(_ metric: Metric, measures: SumTable, gauges: SumTable) {
        self.measures = measures
        self.gauges = gauges
        func slot(_ measure: Measure) -> Slot { measures.slot(of: measure.column).map(Slot.measure) ?? .none }
        func slot(_ gauge: Gauge) -> Slot { gauges.slot(of: gauge.column).map(Slot.gauge) ?? .none }
        switch metric.formula {
        case .sum(let measure): formula = .value(slot(measure))
        case .gauge(let gauge): formula = .value(slot(gauge))
        case .ratio(let numerator, let denominators, let complement):
            formula = .ratio(slot(numerator), over: denominators.map { slot($0) }, complement: complement)
        case .measureOverGauge(let measure, let gauge): formula = .quotient(slot(measure), over: slot(gauge))
        case .gaugeRatio(let numerator, let denominator): formula = .quotient(slot(numerator), over: slot(denominator))
        case .settleHoursPercentile(let percentile): formula = .percentile(percentile)
        }
        people = metric.people.map { count in
            switch count {
            case .measure(let measure): slot(measure)
            case .gauge(let gauge): slot(gauge)
            }
        }
    }

    /// The sum at a slot for a cell.
    @inline(__always)
    func sum(_ slot: Slot, _ cell: Cell) -> Double {
        switch slot {
        case .measure(let column):
            guard let group = cell.measureGroup else { return 0 }
            return measures.value(column, bucket: cell.bucket, group: group)
        case .gauge(let column):
            guard let group = cell.gaugeGroup else { return 0 }
            return gauges.value(column, bucket: cell.bucket, group: group)
        case .none: return 0
        }
    }

    /// The metric's value for a cell (`histogram`: the cell's hours-to-settle, for percentiles).
    func value(_ cell: Cell, histogram: [(Int, Double)]) -> Double? {
        switch formula {
        case .value(let slot): return sum(slot, cell)
        case .ratio(let numerator, let denominators, let complement):
            var denominator = 0.0
            for slot in denominators { denominator += sum(slot, cell) }
            guard denominator > 0 else { return nil }
            let share = sum(numerator, cell) / denominator
            return complement ? max(0, 1 - share) : share
        case .quotient(let numerator, let denominator):
            let total = sum(denominator, cell)
            return total > 0 ? sum(numerator, cell) / total : nil
        case .percentile(let percentile):
            return Self.nearestRank(percentile, of: histogram)
        }
    }

    /// Whether a value rests on more than no one and fewer people than the threshold.
    func isSuppressed(_ cell: Cell, threshold: Int) -> Bool {
        people.contains { slot in
            let count = sum(slot, cell)
            return count > 0 && count < Double(threshold)
        }
    }

    /// The value shown for a cell: nil when undefined or suppressed, and whether it was suppressed.
    func shown(_ cell: Cell, histogram: [(Int, Double)], threshold: Int) -> (value: Double?, suppressed: Bool) {
        guard let value = value(cell, histogram: histogram) else { return (nil, false) }
        return isSuppressed(cell, threshold: threshold) ? (nil, true) : (value, false)
    }

    /// The smallest value whose cumulative count reaches ⌈p·N⌉.
    static func nearestRank(_ percentile: Double, of histogram: [(Int, Double)]) -> Double? {
        let total = histogram.reduce(0) { $0 + $1.1 }
        guard total > 0 else { return nil }
        let rank = max(1, (percentile * total).rounded(.up))
        var cumulative = 0.0
        for (hours, count) in histogram.sorted(by: { $0.0 < $1.0 }) {
            cumulative += count
            if cumulative >= rank { return Double(hours) }
        }
        return histogram.map(\.0).max().map(Double.init)
    }
}
