import Foundation
import Hummingbird
import JobQueue
import Logging
import Postgres
import ServiceKit

/// The calendar: monthly themes pushed to every compound as drafts, activities with RFC 5545 recurrence
/// and their occurrences, venues with a clash check, registration with reserved seats and a FIFO
/// waitlist, check-in, closing reports, iCalendar feeds and reminders for the notifications service.
///
/// It keeps its own projection of compounds, households, residents and heads from the registry's
/// events, and publishes its own events in the transaction of the change that causes them.
public struct CalendarService: Sendable {
    /// The shared runtime: pool, queue, worker, tokens.
    public let runtime: LinliRuntime
    /// The calendar's own settings.
    public let configuration: CalendarConfiguration
    /// What "now" is for every handler, desk and job of the calendar.
    let clock: WallClock

    /// Creates the service on a runtime.
    /// - Parameter clock: what "now" is; `nil` takes the runtime's clock (tests may pass another).
    public init(runtime: LinliRuntime, configuration: CalendarConfiguration, clock: WallClock? = nil) {
        self.runtime = runtime
        self.configuration = configuration
        self.clock = clock ?? runtime.clock
        // Sign-in tokens' roles and scopes come from the calendar's projections, not from the token.
        runtime.scopes.install(CalendarScopeResolver(pool: runtime.pool, clock: self.clock))
    }

    /// Adds the `/v1/…` routes; every handler checks the principal against the object it touches.
    public func addRoutes(to router: Router<LinliRequestContext>) {
        router.add(middleware: DuplicateProblems(Self.duplicates))
        ThemeRoutes(service: self).add(to: router)
        VenueRoutes(service: self).add(to: router)
        ActivityRoutes(service: self).add(to: router)
        OccurrenceRoutes(service: self).add(to: router)
        RegistrationRoutes(service: self).add(to: router)
        AttendanceRoutes(service: self).add(to: router)
        FeedRoutes(service: self).add(to: router)
        ActivityPageRoutes(service: self).add(to: router)
        TicketPageRoutes(service: self).add(to: router)
    }

    /// Subscribes the `calendar` queue to the registry's and the concerns service's events, and
    /// schedules the hourly maintenance (extending occurrences, scheduling reminders).
    public func registerJobs(on worker: JobWorker) {
        RegistryProjection(service: self).register(on: worker)
        AccountProjection.register(on: worker, schema: "calendar", scopes: runtime.scopes.cache)
        CouncilMeetings(service: self).register(on: worker)
        CalendarMaintenance(service: self).register(on: worker)
    }

    /// The pool every request and job borrows its connection from.
    var pool: PostgresPool { runtime.pool }
    /// The queue client whose transactions carry the outbox.
    var jobs: JobQueue { runtime.jobs }

    /// The activity's page, written into events, feeds and reminders.
    func link(activityID: Int) -> String {
        configuration.activityLink.replacingOccurrences(of: "{id}", with: String(activityID))
    }

    /// The subscribable URL of a feed key.
    func feedURL(key: String) -> String {
        "\(configuration.publicURL)/v1/feeds/\(key).ics"
    }
}
