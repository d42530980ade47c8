import Foundation
import Postgres

/// A resource a service ships in its bundle (its migrations, its OpenAPI document) is missing: the
/// package was built without it. Safe to print.
public struct ServiceResourceError: Error, CustomStringConvertible {
    /// What is missing, e.g. `the calendar's migrations`.
    public let missing: String

    public var description: String { "\(missing) are missing from the bundle" }
}

extension LinliServiceApp {
    /// The schema the service owns: its name, unless it says otherwise (notifications owns `notify`).
    public static var schema: String { serviceName }

    /// The `schema`'s migrations, from the bundle's `Migrations` folder.
    public static func migrations() throws -> MigrationSet {
        guard let folder = resources.url(forResource: "Migrations", withExtension: nil) else {
            throw ServiceResourceError(missing: "the \(serviceName)'s migrations")
        }
        return try MigrationSet.load(schema: schema, directory: folder)
    }

    /// The OpenAPI 3.1 document served at `/openapi.yaml`, the bundle's `openapi.yaml`.
    public static func openAPIDocument() throws -> String {
        guard let url = resources.url(forResource: "openapi", withExtension: "yaml") else {
            throw ServiceResourceError(missing: "the \(serviceName)'s OpenAPI document")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
