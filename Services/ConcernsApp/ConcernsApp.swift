import ConcernsService
import ServiceKit

/// `linli-concerns`: reads its configuration, then runs the concerns service until SIGTERM.
@main
struct ConcernsApp {
    static func main() async throws { try await ConcernsService.runMain() }
}
