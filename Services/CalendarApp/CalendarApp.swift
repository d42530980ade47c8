import CalendarService
import ServiceKit

/// `linli-calendar`: reads its configuration, then runs the calendar until SIGTERM.
@main
struct CalendarApp {
    static func main() async throws { try await CalendarService.runMain() }
}
