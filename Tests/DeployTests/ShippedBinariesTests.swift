import Foundation
import LinliTestSupport
import Testing

/// The images ship `linli` and the five service executables; none may carry test-only code.
@Suite("The shipped executables link no test framework")
struct ShippedBinariesTests {
    /// The products an image carries (deploy/Dockerfile); `linli-bench` is not one of them.
    static let shipped = ["linli", "linli-registry", "linli-calendar", "linli-notifications", "linli-analytics", "linli-concerns"]

    /// Module names that appear in a binary's symbols when it links them.
    static let testOnlyModules = ["HummingbirdTesting", "AnalyticsCity", "XCTest"]

    @Test(arguments: shipped)
    func carriesNoTestOnlyModule(_ product: String) throws {
        let binary = try Data(contentsOf: URL(fileURLWithPath: try BuiltProducts.path(product)), options: .alwaysMapped)
        for module in Self.testOnlyModules {
            #expect(binary.range(of: Data(module.utf8)) == nil, "\(product) links \(module)")
        }
    }

    /// The check above can see a module: the benchmark executable does link both.
    @Test func theBenchmarkExecutableIsWhereTheyAre() throws {
        let binary = try Data(contentsOf: URL(fileURLWithPath: try BuiltProducts.path("linli-bench")), options: .alwaysMapped)
        #expect(binary.range(of: Data("HummingbirdTesting".utf8)) != nil)
        #expect(binary.range(of: Data("AnalyticsCity".utf8)) != nil)
    }
}
