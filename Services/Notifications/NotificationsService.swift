import AsyncHTTPClient
import Foundation
import Hummingbird
import JobQueue
import Postgres
import ServiceKit
import ServiceLifecycle

/// The notifications service: turns what happens elsewhere into messages that reach residents and
/// compound groups — in-app inbox, WeCom group robots within their rate limit, signed webhooks,
/// SMS through a gateway, copy-text tasks — at a sensible hour, once.
public struct NotificationsService: Sendable {
    /// The service's queue (and the kind prefix of its own jobs).
    public static let queue = "notifications"

    let runtime: LinliRuntime
    let configuration: NotificationsConfiguration
    let fanout: Fanout
    let composer: MessageComposer
    let sender: DeliverySender
    /// Hands new inbox rows to the open inbox streams; run it with ``backgroundServices``.
    let inboxFeed: InboxFeed

    /// Creates the service on a runtime.
    /// - Parameter httpClient: the client robots and webhooks are called with (the shared singleton by default).
    public init(runtime: LinliRuntime, configuration: NotificationsConfiguration, httpClient: HTTPClient = .shared) {
        self.runtime = runtime
        self.configuration = configuration
        self.fanout = Fanout(configuration: configuration, clock: runtime.clock)
        self.composer = MessageComposer(timeZone: configuration.quietHours.timeZone)
        self.sender = DeliverySender(
            pool: runtime.pool,
            jobs: runtime.jobs,
            configuration: configuration,
            http: OutboundHTTP(client: httpClient),
            clock: runtime.clock,
            workerName: runtime.worker.configuration.workerName
        )
        self.inboxFeed = InboxFeed(
            pool: runtime.pool,
            pollInterval: configuration.inboxPoll,
            heartbeat: configuration.inboxHeartbeat,
            logger: runtime.logger
        )
        // Sign-in tokens' roles and scopes come from the notifications service's projections, not from the token.
        runtime.scopes.install(NotificationsScopeResolver(pool: runtime.pool))
    }

    /// The service's long-lived parts besides the runtime's own: the inbox feed behind the stream route.
    public var backgroundServices: [any Service] { [inboxFeed] }

    /// Adds the `/v1/…` routes.
    public func addRoutes(to router: Router<LinliRequestContext>) {
        InboxRoutes(pool: runtime.pool, feed: inboxFeed).add(to: router)
        TemplateRoutes(pool: runtime.pool).add(to: router)
        PreferenceRoutes(pool: runtime.pool).add(to: router)
        CopyTaskRoutes(jobs: runtime.jobs, clock: runtime.clock).add(to: router)
        DeliveryRoutes(pool: runtime.pool).add(to: router)
        WebhookRoutes(pool: runtime.pool).add(to: router)
        NoticeRoutes(jobs: runtime.jobs, fanout: fanout).add(to: router)
    }

    /// Registers the event subscriptions, the delivery job and the daily digest on the worker.
    public func registerJobs(on worker: JobWorker) {
        subscribeProjections(on: worker)
        AccountProjection.register(on: worker, schema: "notify", scopes: runtime.scopes.cache)
        subscribeMessages(on: worker)
        let sender = self.sender
        worker.register(DeliverNotification.self, retry: RetryPolicy(base: configuration.retryBase)) { job, context in
            try await sender.deliver(job.deliveryID, context: context)
        }
        SignInCodeSender(
            pool: runtime.pool,
            http: sender.http,
            clock: runtime.clock,
            timeout: configuration.httpTimeout,
            logger: runtime.logger
        ).register(on: worker)
        let digest = DailyDigest(configuration: configuration, fanout: fanout, composer: composer)
        worker.registerTransactional(SendDailyDigest.self) { job, _, tx, outbox in try digest.run(slot: job.slot, on: tx, outbox: outbox) }
        worker.schedule(
            PeriodicJob(
                name: SendDailyDigest.kind,
                schedule: configuration.digest,
                options: JobOptions(queue: Self.queue, priority: .low),
                payload: { SendDailyDigest(slot: $0) }
            )
        )
    }

}
