import Foundation
import Hummingbird
import Yams

/// Compares a router with an OpenAPI document: every route documented, every documented path routed.
public enum OpenAPIConformance {
    /// `METHOD /path` for every operation in the document (`{name}` for parameters).
    public static func operations(inDocument yaml: String) throws -> Set<String> {
        guard let document = try Yams.load(yaml: yaml) as? [String: Any], let paths = document["paths"] as? [String: Any] else {
            return []
        }
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        var operations = Set<String>()
        for (path, item) in paths {
            guard let item = item as? [String: Any] else { continue }
            for key in item.keys where methods.contains(key) { operations.insert("\(key.uppercased()) \(path)") }
        }
        return operations
    }

    /// `METHOD /path` for every route of the router, except the shared stylesheet under `/assets/`:
    /// its name carries a content hash, so it is a file every service serves, not an operation of its API.
    public static func operations<Context>(in router: Router<Context>) -> Set<String> {
        Set(
            router.routes.map { "\($0.method.rawValue) \(normalise("\($0.path)"))" }
                .filter { !$0.contains(" /assets/") }
        )
    }

    /// Routes missing from the document, and documented operations with no route.
    public static func differences<Context>(router: Router<Context>, document: String) throws -> (undocumented: [String], unrouted: [String]) {
        let routed = operations(in: router)
        let documented = try operations(inDocument: document)
        return (routed.subtracting(documented).sorted(), documented.subtracting(routed).sorted())
    }

    /// `:id` → `{id}`, and a leading slash.
    static func normalise(_ path: String) -> String {
        let parts = path.split(separator: "/").map { part in part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part) }
        return "/" + parts.joined(separator: "/")
    }
}
