import Foundation
import Processes
import RegistryService
import ServiceKit
import Yams

/// The repository's deployment files, and what the code says each service needs.
enum DeploymentFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Every service, with the environment keys its code requires.
    static let services: [String: [String]] = [
        "registry": ServiceConfiguration.requiredKeys + RegistryConfiguration.requiredKeys,
        "calendar": ServiceConfiguration.requiredKeys,
        "notifications": ServiceConfiguration.requiredKeys,
        "analytics": ServiceConfiguration.requiredKeys,
        "concerns": ServiceConfiguration.requiredKeys,
    ]

    /// All YAML documents of a file (or of a rendered stream).
    static func documents(_ yaml: String) throws -> [[String: Any]] {
        try Yams.load_all(yaml: yaml).compactMap { $0 as? [String: Any] }
    }

    /// `kubectl kustomize` of an overlay (kubectl comes from scripts/lib/requirements.sh).
    static func render(_ overlay: String) async throws -> String {
        let kubectl = ["/usr/bin/kubectl", "/usr/local/bin/kubectl"].first(where: FileManager.default.isExecutableFile(atPath:))
        guard let kubectl else { throw DeployTestError("kubectl is not installed (scripts/test installs it)") }
        let (status, output) = try await ChildProcess.run(kubectl, ["kustomize", root.appendingPathComponent(overlay).path])
        guard status == 0 else { throw DeployTestError("kubectl kustomize failed: \(output)") }
        return output
    }
}

struct DeployTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Dictionary where Key == String, Value == Any {
    /// A nested value by path, e.g. `["spec", "template", "spec"]`.
    subscript(path path: [String]) -> Any? {
        var current: Any? = self
        for key in path { current = (current as? [String: Any])?[key] }
        return current
    }
}
