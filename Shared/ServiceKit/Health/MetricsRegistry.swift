import CoreMetrics
import Prometheus
import Synchronization

/// The process's Prometheus registry, installed as the swift-metrics backend once per process.
///
/// swift-metrics has one global backend by design, so this is the one place Linli touches global
/// state: ``bootstrap()`` is idempotent and every service calls it at start-up (tests may call it
/// many times).
public enum MetricsRegistry {
    private static let installed = Mutex<PrometheusCollectorRegistry?>(nil)

    /// Installs the registry as the metrics backend (once) and returns it.
    @discardableResult
    public static func bootstrap() -> PrometheusCollectorRegistry {
        installed.withLock { installed in
            if let registry = installed { return registry }
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            installed = registry
            return registry
        }
    }
}
