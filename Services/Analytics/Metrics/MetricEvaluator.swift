import Foundation
import Postgres

/// Computes a metric's rows: reads the sums it needs, applies its formula per bucket and group, and
/// suppresses values that rest on fewer people than the threshold.
struct MetricEvaluator: Sendable {
    let buckets: Buckets
    let suppressionThreshold: Int

    /// The rows of one metric.
    func rows(for request: MetricRequest, scope: AnalyticsScope, now: Date, on connection: isolated PostgresConnection) throws -> [MetricRow] {
        try rows(for: [request], scope: scope, now: now, on: connection)[0]
    }

    /// The rows of several metrics over the same buckets, groups and filters, from one read of the rollups
    /// and one of the gauges (the dashboard shows several metrics side by side). Each metric's groups are
    /// the ones its own inputs have, as if it were read alone.
    /// - Precondition: the requests differ in their metric only.
    func rows(for requests: [MetricRequest], scope: AnalyticsScope, now: Date, on connection: isolated PostgresConnection) throws -> [[MetricRow]] {
        guard let request = requests.first else { return [] }
        let store = MetricStore(request: request, scope: scope, buckets: buckets, now: now)
        let dimension = request.metric.dimension(for: request.groupBy)
        let inputs = requests.map { Self.allInputs(of: $0.metric) }
        var (measures, gauges): ([Measure], [Gauge]) = ([], [])
        for (request, input) in zip(requests, inputs) {
            precondition(request.metric.dimension(for: request.groupBy) == dimension, "metrics read together share their dimension")
            for measure in input.measures where !measures.contains(measure) { measures.append(measure) }
            for gauge in input.gauges where !gauges.contains(gauge) { gauges.append(gauge) }
        }
        let measureSums = try store.rollupSums(measures, dimension: dimension, on: connection)
        let gaugeSums = try store.gaugeSums(gauges, dimension: dimension, on: connection)
        let histogram = inputs.contains(where: \.histogram) ? try store.settleHistogram(on: connection) : [:]
        let layout = Sums.Layout(measures: measureSums, gauges: gaugeSums)
        let keysPerRequest = inputs.map { input -> [String] in
            guard request.groupBy != nil else { return [""] }
            var keys = Set<String>()
            let slots = input.measures.compactMap { measureSums.slot(of: $0.column) }
            for (cell, values) in measureSums.cells where !keys.contains(measureSums.groups[cell.group]) {
                if slots.contains(where: { values[$0] != 0 }) { keys.insert(measureSums.groups[cell.group]) }
            }
            if !input.gauges.isEmpty { keys.formUnion(gaugeSums.groups) }
            if input.histogram { keys.formUnion(histogram.keys.map(\.key)) }
            return keys.map { (Int($0) ?? .max, $0) }.sorted { $0 < $1 }.map(\.1)
        }
        let names = try store.groupLabels(Array(Set(keysPerRequest.joined())), on: connection)
        return zip(requests, keysPerRequest).map { request, keys in
            let metric = request.metric
            // Each key's group index in either table, looked up once rather than once per bucket.
            let measureGroups = keys.map { measureSums.groupIndex[$0] }
            let gaugeGroups = keys.map { gaugeSums.groupIndex[$0] }
            let labels = keys.map { names[$0] }
            var rows: [MetricRow] = []
            rows.reserveCapacity(request.series.count * keys.count)
            for (bucket, date) in request.series.enumerated() {
                for (position, key) in keys.enumerated() {
                    let sums = Sums(
                        measures: measureSums.values(bucket: bucket, group: measureGroups[position]),
                        gauges: gaugeSums.values(bucket: bucket, group: gaugeGroups[position]),
                        layout: layout
                    )
                    let cellHistogram = input(histogram, bucket: bucket, key: key)
                    var value = Self.value(of: metric.formula, sums: sums, histogram: cellHistogram)
                    let suppressed = value != nil && Self.isSuppressed(metric, sums: sums, threshold: suppressionThreshold)
                    if suppressed { value = nil }
                    rows.append(
                        MetricRow(bucket: date, key: key, group: position, label: labels[position], value: value, suppressed: suppressed)
                    )
                }
            }
            return rows
        }
    }

    private func input(_ histogram: [MetricStore.HistogramKey: [(Int, Double)]], bucket: Int, key: String) -> [(Int, Double)] {
        histogram.isEmpty ? [] : histogram[MetricStore.HistogramKey(bucket: bucket, key: key)] ?? []
    }

    /// What a metric reads: the measures and gauges of its formula and of its people counts, and whether
    /// it needs the hours-to-settle histogram.
    static func allInputs(of metric: Metric) -> (measures: [Measure], gauges: [Gauge], histogram: Bool) {
        var (measures, gauges) = inputs(of: metric.formula)
        for count in metric.people {
            switch count {
            case .measure(let measure): if !measures.contains(measure) { measures.append(measure) }
            case .gauge(let gauge): if !gauges.contains(gauge) { gauges.append(gauge) }
            }
        }
        if case .settleHoursPercentile = metric.formula { return (measures, gauges, true) }
        return (measures, gauges, false)
    }

    /// The sums of one bucket and group, measures and gauges.
    struct Sums {
        /// Where each measure and gauge sits in a cell's values (by case order; −1 when not read).
        struct Layout: Sendable {
            let measureSlots: [Int]
            let gaugeSlots: [Int]

            init(measures: SumTable, gauges: SumTable) {
                measureSlots = Measure.allCases.map { measures.slot(of: $0.column) ?? -1 }
                gaugeSlots = Gauge.allCases.map { gauges.slot(of: $0.column) ?? -1 }
            }
        }

        let measures: [Double]?
        let gauges: [Double]?
        let layout: Layout

        subscript(_ measure: Measure) -> Double {
            let slot = layout.measureSlots[measure.ordinal]
            guard slot >= 0, let measures else { return 0 }
            return measures[slot]
        }

        subscript(_ gauge: Gauge) -> Double {
            let slot = layout.gaugeSlots[gauge.ordinal]
            guard slot >= 0, let gauges else { return 0 }
            return gauges[slot]
        }

        subscript(_ count: Metric.PeopleCount) -> Double {
            switch count {
            case .measure(let measure): self[measure]
            case .gauge(let gauge): self[gauge]
            }
        }
    }

    /// Whether a value rests on more than no one and fewer people than the threshold.
    static func isSuppressed(_ metric: Metric, sums: Sums, threshold: Int) -> Bool {
        metric.people.contains { count in
            let people = sums[count]
            return people > 0 && people < Double(threshold)
        }
    }

    static func inputs(of formula: Metric.Formula) -> ([Measure], [Gauge]) {
        switch formula {
        case .sum(let measure): ([measure], [])
        case .ratio(let numerator, let denominators, _): ([numerator] + denominators.filter { $0 != numerator }, [])
        case .measureOverGauge(let measure, let gauge): ([measure], [gauge])
        case .gaugeRatio(let numerator, let denominator): ([], [numerator, denominator])
        case .gauge(let gauge): ([], [gauge])
        case .settleHoursPercentile: ([], [])
        }
    }

    static func value(of formula: Metric.Formula, sums: Sums, histogram: [(Int, Double)]) -> Double? {
        switch formula {
        case .sum(let measure): return sums[measure]
        case .gauge(let gauge): return sums[gauge]
        case .ratio(let numerator, let denominators, let complement):
            let denominator = denominators.reduce(0) { $0 + sums[$1] }
            guard denominator > 0 else { return nil }
            let share = sums[numerator] / denominator
            return complement ? max(0, 1 - share) : share
        case .measureOverGauge(let measure, let gauge):
            let denominator = sums[gauge]
            return denominator > 0 ? sums[measure] / denominator : nil
        case .gaugeRatio(let numerator, let denominator):
            let total = sums[denominator]
            return total > 0 ? sums[numerator] / total : nil
        case .settleHoursPercentile(let percentile):
            return nearestRank(percentile, of: histogram)
        }
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
