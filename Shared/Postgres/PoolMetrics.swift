import Metrics

/// The pool's swift-metrics instruments, labelled with the pool's name.
struct PoolMetrics: Sendable {
    let inUse: Gauge
    let idle: Gauge
    let waiting: Gauge
    let acquireTime: Metrics.Timer
    let replaced: Counter

    init(name: String) {
        let dimensions = [("pool", name)]
        inUse = Gauge(label: "linli_pg_pool_connections_in_use", dimensions: dimensions)
        idle = Gauge(label: "linli_pg_pool_connections_idle", dimensions: dimensions)
        waiting = Gauge(label: "linli_pg_pool_waiting", dimensions: dimensions)
        acquireTime = Metrics.Timer(label: "linli_pg_pool_acquire_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds)
        replaced = Counter(label: "linli_pg_pool_connections_replaced_total", dimensions: dimensions)
    }

    func update(_ statistics: PostgresPool.Statistics) {
        inUse.record(statistics.inUse)
        idle.record(statistics.idle)
        waiting.record(statistics.waiting)
    }
}
