import Foundation
import Postgres
import ServiceKit

/// `/v1/overview`: the month's headline figures beside the month before, read in three queries.
struct Overview: Codable, Sendable {
    /// One headline figure.
    struct Figure: Codable, Sendable {
        let id: String
        let nameZh: String
        let nameEn: String
        let unit: String
        let value: Double?
        let previous: Double?
        let suppressed: Bool
    }

    /// The month, `YYYY-MM`.
    let month: String
    let figures: [Figure]

    static let headline = [
        "activities-held", "attendances", "unique-residents", "household-coverage", "volunteer-hours", "active-volunteers",
        "no-show-rate", "neighbour-head-coverage", "concerns-raised", "concerns-settled", "time-to-settle-p50", "council-meetings-held",
    ]

    static func compute(
        query: [String: String],
        scope: AnalyticsScope,
        evaluator: MetricEvaluator,
        pool: PostgresPool,
        now: Date
    ) async throws -> Overview {
        let buckets = evaluator.buckets
        var month = buckets.start(of: .month, containing: now)
        if let text = query["month"] {
            guard text.count == 7, DateParameter.day(text + "-01") != nil, let date = buckets.date(fromLabel: text + "-01") else {
                throw Refusal.invalid("month", "must be YYYY-MM")
            }
            month = date
        }
        let area = try query["area"].map { try MetricRequest.identifier($0, field: "area") }
        let compound = try query["compound"].map { try MetricRequest.identifier($0, field: "compound") }
        let previous = buckets.calendar.date(byAdding: .month, value: -1, to: month) ?? month
        let metrics = headline.compactMap(MetricCatalog.metric)
        // One request stands for all: the store reads every measure and gauge the headline needs at once.
        let request = MetricRequest(metric: metrics[0], grain: .month, series: [previous, month], area: area, compound: compound)
        let store = MetricStore(request: request, scope: scope, buckets: buckets, places: evaluator.places, now: now)
        var measures: [Measure] = []
        var gauges: [Gauge] = []
        for metric in metrics {
            let (m, g) = MetricEvaluator.inputs(of: metric.formula)
            for count in metric.people {
                switch count {
                case .measure(let measure): if !m.contains(measure) && !measures.contains(measure) { measures.append(measure) }
                case .gauge(let gauge): if !g.contains(gauge) && !gauges.contains(gauge) { gauges.append(gauge) }
                }
            }
            for measure in m where !measures.contains(measure) { measures.append(measure) }
            for gauge in g where !gauges.contains(gauge) { gauges.append(gauge) }
        }
        let (neededMeasures, neededGauges) = (measures, gauges)
        let (measureSums, gaugeSums, histogram) = try await pool.withConnection { connection in
            guard try scope.admits(area: area, compound: compound, on: connection) else {
                throw Refusal.notFound(compound != nil ? "compound" : "area")
            }
            return (
                try store.rollupSums(neededMeasures, dimension: .none, on: connection),
                try store.gaugeSums(neededGauges, dimension: .none, on: connection),
                try store.settleHistogram(on: connection)
            )
        }
        let figures = metrics.map { metric in
            let resolved = ResolvedMetric(metric, measures: measureSums, gauges: gaugeSums)
            let values = store.labels.indices.map { bucket -> (Double?, Bool) in
                let cell = ResolvedMetric.Cell(bucket: bucket, measureGroup: measureSums.groupIndex[""], gaugeGroup: gaugeSums.groupIndex[""])
                let key = MetricStore.HistogramKey(bucket: bucket, key: "")
                return resolved.shown(cell, histogram: histogram[key] ?? [], threshold: evaluator.suppressionThreshold)
            }
            return Figure(
                id: metric.id,
                nameZh: metric.nameZh,
                nameEn: metric.nameEn,
                unit: metric.unit,
                value: values[1].0,
                previous: values[0].0,
                suppressed: values[1].1
            )
        }
        return Overview(month: String(buckets.label(month).prefix(7)), figures: figures)
    }
}
