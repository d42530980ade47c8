import Foundation
import Processes
import Testing

/// What an operator sees when a service's executable starts with a bad configuration.
@Suite("The service executables refuse a bad configuration plainly")
struct ExecutableTests {
    static let services = ["registry", "calendar", "notifications", "analytics", "concerns"]

    /// The executables built next to the test bundle (`swift build --build-tests` builds every product).
    static func binary(_ service: String) -> String {
        let products = Bundle.main.bundleURL.deletingLastPathComponent()
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return [products, beside].map { $0.appendingPathComponent("linli-\(service)").path }
            .first(where: FileManager.default.isExecutableFile(atPath:)) ?? "linli-\(service)"
    }

    @Test(arguments: services)
    func aMissingDatabaseURLIsNamedAndExitsWithExConfig(_ service: String) async throws {
        let (status, output) = try await ChildProcess.run(Self.binary(service), [], environment: ["PATH": "/usr/bin:/bin"])
        #expect(status == 78)
        #expect(output.contains("linli-\(service): configuration: LINLI_DATABASE_URL is required"))
        #expect(!output.contains("Fatal error"))
    }
}
