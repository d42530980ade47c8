import Foundation

/// The executables `swift build --build-tests` builds next to the test bundle (`.build/debug`).
public enum BuiltProducts {
    /// The folder the products were built into: the test bundle's own.
    public static var folder: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }

    /// The path of a built product, or an error saying how to build it.
    public static func path(_ name: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw TestSupportError("\(path) is missing: build everything first (swift build --build-tests, as scripts/test does)")
        }
        return path
    }
}
