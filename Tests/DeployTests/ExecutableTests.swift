import Foundation
import LinliTestSupport
import Processes
import Testing

/// What an operator sees when a service's executable starts with a bad configuration.
@Suite("The service executables refuse a bad configuration plainly")
struct ExecutableTests {
    static let services = ["registry", "calendar", "notifications", "analytics", "concerns"]

    @Test(arguments: services)
    func aMissingDatabaseURLIsNamedAndExitsWithExConfig(_ service: String) async throws {
        let (status, output) = try await ChildProcess.run(try BuiltProducts.path("linli-\(service)"), [], environment: ["PATH": "/usr/bin:/bin"])
        #expect(status == 78)
        #expect(output.contains("linli-\(service): configuration: LINLI_DATABASE_URL is required"))
        #expect(!output.contains("Fatal error"))
    }
}
