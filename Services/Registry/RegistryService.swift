import Foundation
import Hummingbird
import JobQueue
import Postgres
import ServiceKit

/// The registry: the system of record for places, people, party organisation, the three heads,
/// organisations and the volunteer points ledger.
public struct RegistryService: Sendable {
    let runtime: LinliRuntime
    let configuration: RegistryConfiguration
    let vault: PersonalDataVault

    /// Creates the service on a runtime.
    public init(runtime: LinliRuntime, configuration: RegistryConfiguration) {
        self.runtime = runtime
        self.configuration = configuration
        self.vault = PersonalDataVault(key: configuration.dataKey)
    }

    /// Adds the `/v1/…` routes.
    public func addRoutes(to router: Router<LinliRequestContext>) {
        TerritoryRoutes(runtime: runtime).add(to: router)
        HouseholdRoutes(runtime: runtime).add(to: router)
        let residents = ResidentRoutes(runtime: runtime, vault: vault)
        residents.add(to: router)
        residents.addMove(to: router)
        ResidentSearch(runtime: runtime).add(to: router)
        PersonalDataRoutes(runtime: runtime, vault: vault).add(to: router)
    }

    /// Registers the registry's job handlers and event subscriptions.
    public func registerJobs(on worker: JobWorker) {}

    /// The `registry` schema's migrations.
    public static func migrations() throws -> MigrationSet {
        guard let folder = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw PostgresError(code: .migrationFailed, reason: "the registry's migrations are missing from the bundle")
        }
        return try MigrationSet.load(schema: "registry", directory: folder)
    }

    /// The OpenAPI 3.1 document served at `/openapi.yaml`.
    public static func openAPIDocument() throws -> String {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
            throw PostgresError(code: .migrationFailed, reason: "the registry's OpenAPI document is missing from the bundle")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
