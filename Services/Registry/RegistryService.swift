import Foundation
import Hummingbird
import JobQueue
import Logging
import Models
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
        // Sign-in tokens' roles and scopes come from the registry's own tables.
        runtime.scopes.install(RegistryScopeResolver(pool: runtime.pool, clock: runtime.clock))
    }

    /// Adds the `/v1/…` routes.
    public func addRoutes(to router: Router<LinliRequestContext>) {
        router.add(middleware: DuplicateProblems(Self.duplicates))
        TerritoryRoutes(desk: TerritoryDesk(jobs: runtime.jobs)).add(to: router)
        HouseholdRoutes(desk: HouseholdDesk(jobs: runtime.jobs)).add(to: router)
        ResidentRoutes(desk: ResidentDesk(jobs: runtime.jobs, clock: runtime.clock, vault: vault)).add(to: router)
        PersonalDataRoutes(desk: PersonalDataDesk(pool: runtime.pool, vault: vault)).add(to: router)
        PartyRoutes(desk: PartyDesk(jobs: runtime.jobs, clock: runtime.clock)).add(to: router)
        HeadRoutes(desk: HeadDesk(jobs: runtime.jobs, clock: runtime.clock)).add(to: router)
        OrganisationRoutes(desk: OrganisationDesk(jobs: runtime.jobs, vault: vault)).add(to: router)
        PointsRoutes(desk: PointsDesk(jobs: runtime.jobs)).add(to: router)
        RewardRoutes(desk: RewardDesk(jobs: runtime.jobs, clock: runtime.clock)).add(to: router)
        ImportExportRoutes(
            desk: ImportExportDesk(jobs: runtime.jobs, clock: runtime.clock, vault: vault, limit: configuration.importLimitRows)
        )
        .add(to: router)
        AccountRoutes(desk: AccountDesk(jobs: runtime.jobs, clock: runtime.clock)).add(to: router)
        PagesRoutes(backend: PagesDesks(runtime: runtime, configuration: configuration, vault: vault)).add(to: router)
        addStaffSignInRoutes(to: router)
        let sessions = SessionIssuer(pool: runtime.pool, clock: runtime.clock, issuerName: runtime.configuration.auth.issuer)
        SessionRoutes(
            phones: PhoneCodeDesk(jobs: runtime.jobs, clock: runtime.clock, vault: vault, sessions: sessions),
            sessions: SessionDesk(pool: runtime.pool, clock: runtime.clock, sessions: sessions),
            audit: SignInAuditLog(pool: runtime.pool)
        )
        .add(to: router)
    }

    /// Makes the first token signing key when there is none, publishing its public half.
    public func prepare() async throws {
        if let kid = try await SigningKeyStore(pool: runtime.pool, clock: runtime.clock).ensureKey() {
            runtime.logger.notice("made the first token signing key", metadata: ["kid": "\(kid)"])
        }
    }

    /// Registers the registry's job handlers and event subscriptions.
    public func registerJobs(on worker: JobWorker) {
        AttendancePoints.register(on: worker)
        HeadJobs(clock: runtime.clock).register(on: worker, queue: Self.serviceName)
    }
}
