import RegistryService
import ServiceKit

/// `linli-registry`: reads its configuration, then runs the registry until SIGTERM.
@main
struct RegistryApp {
    static func main() async throws { try await RegistryService.runMain() }
}
