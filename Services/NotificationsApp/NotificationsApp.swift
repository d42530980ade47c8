import NotificationsService
import ServiceKit

/// `linli-notifications`: reads its configuration, then runs the notifications service until SIGTERM.
@main
struct NotificationsApp {
    static func main() async throws { try await NotificationsService.runMain() }
}
