import Foundation
import Postgres

/// Computes a metric's rows: reads the sums it needs, applies its formula per bucket and group, and
/// suppresses values that rest on fewer people than the threshold.
struct MetricEvaluator: Sendable {
    let buckets: Buckets
    let suppressionThreshold: Int
    /// What place ids stand for, shared by every request (see `MetricStore.groupsPlacesHere`).
    let places: Places

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
        let store = MetricStore(request: request, scope: scope, buckets: buckets, places: places, now: now)
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
            var keys = Set(measureSums.groups(withNonZero: input.measures.compactMap { measureSums.slot(of: $0.column) }))
            if !input.gauges.isEmpty { keys.formUnion(gaugeSums.groups) }
            if input.histogram { keys.formUnion(histogram.keys.map(\.key)) }
            return keys.map { (Int($0) ?? .max, $0) }.sorted { $0 < $1 }.map(\.1)
        }
        let names = try store.groupLabels(Array(Set(keysPerRequest.joined())), on: connection)
        return zip(requests, keysPerRequest).map { request, keys in
            let metric = ResolvedMetric(request.metric, measures: measureSums, gauges: gaugeSums)
            // Each key's group index in either table, looked up once rather than once per bucket.
            let measureGroups = keys.map { measureSums.groupIndex[$0] }
            let gaugeGroups = keys.map { gaugeSums.groupIndex[$0] }
            let labels = keys.map { names[$0] }
            var rows: [MetricRow] = []
            rows.reserveCapacity(request.series.count * keys.count)
            for (bucket, date) in request.series.enumerated() {
                for (position, key) in keys.enumerated() {
                    let cell = ResolvedMetric.Cell(bucket: bucket, measureGroup: measureGroups[position], gaugeGroup: gaugeGroups[position])
                    let (value, suppressed) = metric.shown(
                        cell,
                        histogram: input(histogram, bucket: bucket, key: key),
                        threshold: suppressionThreshold
                    )
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
}
