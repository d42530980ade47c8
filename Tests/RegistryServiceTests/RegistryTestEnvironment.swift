import Foundation
import Hummingbird
import HummingbirdTesting
import Postgres
import RegistryService
import ServiceKit
import ServiceTestSupport

/// The registry on a test database, with helpers to build a small city.
/// (`@unchecked`: the router is built once, before any request, and only read afterwards.)
struct RegistryTestEnvironment: @unchecked Sendable {
    let environment: ServiceTestEnvironment
    let router: Router<LinliRequestContext>

    /// - Parameter clock: the registry's "now" (a ``SettableClock``'s, to move time in a test).
    static func make(_ label: String = #function, clock: WallClock = .system) async throws -> RegistryTestEnvironment {
        let environment = try await ServiceTestEnvironment.make(
            service: "registry",
            migrations: [try RegistryService.migrations()],
            openAPI: try RegistryService.openAPIDocument(),
            clock: clock,
            label: label
        )
        let router = environment.runtime.makeRouter()
        RegistryService(runtime: environment.runtime, configuration: try RegistryConfiguration(environment: ["LINLI_REGISTRY_DATA_KEY": dataKey]))
            .addRoutes(to: router)
        return RegistryTestEnvironment(environment: environment, router: router)
    }

    var runtime: LinliRuntime { environment.runtime }
    var pool: PostgresPool { environment.runtime.pool }

    func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await runtime.makeApplication(router: router).test(.router, body)
    }

    func headers(_ principal: Principal) async throws -> HTTPFields {
        var headers = try await environment.authorization(principal)
        headers[.contentType] = "application/json"
        return headers
    }

    static let admin = Principal(subject: "staff:admin", role: .admin)
    static let dataKey = Data(repeating: 7, count: 32).base64EncodedString()
}
