import AnalyticsService
import ServiceKit

/// `linli-analytics`: reads its configuration, then runs analytics until SIGTERM.
@main
struct AnalyticsApp {
    static func main() async throws { try await AnalyticsService.runMain() }
}
