import Foundation
import Hummingbird
import JobQueue
import Postgres
import ServiceKit

/// The concerns service: residents' concerns (群众诉求) from intake to settlement, and the
/// four-party councils (四方议事会) whose meetings, decisions and action items settle the hard ones.
///
/// It keeps its own projection of the registry (compounds, households, residents, heads) from
/// registry events, publishes `concern.*`, `council.meeting.*`, `decision.recorded` and
/// `action.overdue`, and escalates what is overdue with a periodic job on its own queue.
public struct ConcernsService: Sendable {
    let runtime: LinliRuntime
    let configuration: ConcernsConfiguration

    /// Creates the service on a runtime.
    public init(runtime: LinliRuntime, configuration: ConcernsConfiguration) {
        self.runtime = runtime
        self.configuration = configuration
        // Sign-in tokens' roles and scopes come from the concerns service's projections, not from the token.
        runtime.scopes.install(ConcernsScopeResolver(pool: runtime.pool, clock: runtime.clock))
    }

    /// Routes under `/v1/…`; every handler checks the caller per object.
    public func addRoutes(to router: Router<LinliRequestContext>) {
        router.add(middleware: DuplicateProblems(Self.duplicates))
        let concerns = ConcernDesk(jobs: runtime.jobs, configuration: configuration, clock: runtime.clock)
        ConcernRoutes(desk: concerns).add(to: router)
        // The resident's pages (HTML) on the same desk.
        ConcernPageRoutes(desk: concerns).add(to: router)
        ServiceLevelRoutes(runtime: runtime).add(to: router)
        CouncilRoutes(runtime: runtime).add(to: router)
        MeetingRoutes(runtime: runtime).add(to: router)
        DecisionRoutes(runtime: runtime, configuration: configuration).add(to: router)
    }

    /// The registry subscriptions and the escalation job (handler and schedule) on the service's worker.
    public func registerJobs(on worker: JobWorker) {
        RegistryProjection.register(on: worker, scopes: runtime.scopes.cache)
        AccountProjection.register(on: worker, schema: "concerns", scopes: runtime.scopes.cache)
        EscalationJob(jobs: runtime.jobs, configuration: configuration, clock: runtime.clock).register(on: worker)
    }

    /// Runs the escalation as the periodic job does (for operators, tests and the benchmark): at `now`,
    /// or at the runtime's clock's now.
    public func escalateOverdue(now: Date? = nil) async throws -> EscalationReport {
        try await Escalation(jobs: runtime.jobs, configuration: configuration).run(now: now ?? runtime.clock.now())
    }

}
