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
        let keysPerRequest = inputs.map { input -> [String] in
            guard request.groupBy != nil else { return [""] }
            var keys = Set<String>()
            for (at, sums) in measureSums where input.measures.contains(where: { (sums[$0.column] ?? 0) != 0 }) { keys.insert(at.key) }
            if !input.gauges.isEmpty { keys.formUnion(gaugeSums.keys.map(\.key)) }
            if input.histogram { keys.formUnion(histogram.keys.map(\.key)) }
            return keys.map { (Int($0) ?? .max, $0) }.sorted { $0 < $1 }.map(\.1)
        }
        let names = try store.groupLabels(Array(Set(keysPerRequest.joined())), on: connection)
        return zip(requests, keysPerRequest).map { request, keys in
            let metric = request.metric
            var rows: [MetricRow] = []
            rows.reserveCapacity(request.series.count * keys.count)
            for (date, label) in zip(request.series, store.labels) {
                for key in keys {
                    let at = MetricStore.BucketKey(bucket: label, key: key)
                    let sums = Sums(measures: measureSums[at], gauges: gaugeSums[at])
                    var value = Self.value(of: metric.formula, sums: sums, histogram: histogram[at] ?? [])
                    let suppressed = value != nil && Self.isSuppressed(metric, sums: sums, threshold: suppressionThreshold)
                    if suppressed { value = nil }
                    rows.append(MetricRow(bucket: date, key: key, label: names[key], value: value, suppressed: suppressed))
                }
            }
            return rows
        }
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
        let measures: [String: Double]?
        let gauges: [String: Double]?

        subscript(_ column: String) -> Double? { measures?[column] ?? gauges?[column] }
    }

    /// Whether a value rests on more than no one and fewer people than the threshold.
    static func isSuppressed(_ metric: Metric, sums: Sums, threshold: Int) -> Bool {
        metric.people.contains { count in
            let people = sums[column(of: count)] ?? 0
            return people > 0 && people < Double(threshold)
        }
    }

    static func column(of count: Metric.PeopleCount) -> String {
        switch count {
        case .measure(let measure): measure.column
        case .gauge(let gauge): gauge.column
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
        func sum(_ column: String) -> Double { sums[column] ?? 0 }
        switch formula {
        case .sum(let measure): return sum(measure.column)
        case .gauge(let gauge): return sum(gauge.column)
        case .ratio(let numerator, let denominators, let complement):
            let denominator = denominators.reduce(0) { $0 + sum($1.column) }
            guard denominator > 0 else { return nil }
            let share = sum(numerator.column) / denominator
            return complement ? max(0, 1 - share) : share
        case .measureOverGauge(let measure, let gauge):
            let denominator = sum(gauge.column)
            return denominator > 0 ? sum(measure.column) / denominator : nil
        case .gaugeRatio(let numerator, let denominator):
            let total = sum(denominator.column)
            return total > 0 ? sum(numerator.column) / total : nil
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
