import ArgumentParser
import AsyncHTTPClient
import Foundation
import LinliHTTPClient
import RegistryService
import ServiceKit

/// `linli seed`: loads demo data through the running services' own APIs.
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Load a demo city through the services' APIs (the services must be running).",
        discussion: """
            --scale demo: two districts, 20 compounds, 1,440 residents, heads, branches, teams and group chats (registry); \
            a year of monthly themes, each compound's published activities with sign-ups, check-ins and paper rosters for \
            past occurrences and a few cancellations (calendar); concerns in every compound, some settled, and a \
            four-party council per compound with a meeting held and a decision recorded (concerns). City-scale data: \
            `linli-bench analytics`.

            It prints what it plans to make (`plan: compounds=20 …`), one numbered step at a time, and what it made \
            (`totals: …`). It stops at the first request that fails (each has a deadline), names it and the service, \
            and exits 1; the data loaded until then stays, so reset the database before seeding again. It refuses to \
            load a second demo city into a registry that already has one.
            """
    )

    @Option(help: "demo") var scale = "demo"
    @Option(help: "The registry's URL.") var registry = "http://127.0.0.1:8081"
    @Option(help: "The calendar's URL.") var calendar = "http://127.0.0.1:8082"
    @Option(help: "The concerns service's URL.") var concerns = "http://127.0.0.1:8085"
    @Option(help: "Where the local WeCom robot stand-in listens.") var robot = "http://127.0.0.1:8090/cgi-bin/webhook/send"
    @Option(name: .customLong("database-url"), help: "The registry's database, whose signing key the seed's tokens use (or LINLI_DATABASE_URL).")
    var databaseURL: String?
    @Option(help: "Each request's deadline in seconds, retries included.") var requestDeadline = 30

    /// The steps the progress lines count.
    static let steps = 5

    func run() async throws {
        if scale == "city" {
            throw ValidationError(
                "--scale city is not loaded through the APIs: use `linli-bench analytics` (a COPY-based generator) for city-scale data"
            )
        }
        guard scale == "demo" else { throw ValidationError("--scale demo is the one scale (city-scale data: linli-bench analytics)") }
        let issuer = try await RegistryKeys.with(databaseURL: databaseURL) { try await $0.issuer() }
        guard requestDeadline > 0 else { throw ValidationError("--request-deadline must be at least 1 second") }
        let console = Console()
        let progress = Progress(steps: Self.steps, console: console)
        let now = Date()
        let plan = DemoCity.plan(now: now)
        console.line("plan: \(plan.line)")
        let made: DemoFigures
        do {
            made = try await ServiceClient.withHTTPClient { http in
                try await load(http: http, issuer: issuer, now: now, progress: progress)
            }
        } catch let error as AlreadySeeded {
            console.error("linli seed: \(error)")
            throw ExitCode.failure
        } catch {
            progress.close()
            console.error("linli seed: stopped after \(progress.elapsed.trimmingCharacters(in: .whitespaces)) at the first failure: \(error)")
            console.error("linli seed: the demo city is only partly loaded; reset the database before seeding again")
            throw ExitCode.failure
        }
        progress.line("totals: \(made.line)")
        let differences = made.differences(from: plan)
        guard differences.isEmpty else {
            console.error("linli seed: the demo city was loaded with other figures than planned: \(differences.joined(separator: ", "))")
            throw ExitCode.failure
        }
        progress.line("seeded the demo city in \(progress.elapsed.trimmingCharacters(in: .whitespaces))")
    }

    /// Loads the registry, the calendar and concerns in turn, over one HTTP client.
    private func load(http: HTTPClient, issuer: TokenIssuer, now: Date, progress: Progress) async throws -> DemoFigures {
        let tokens = SeedTokens(service: issuer)
        let token = try await tokens.admin()
        let settings = ServiceClient.Configuration(deadline: .seconds(requestDeadline))
        func client(_ service: String, _ url: String) -> APIClient {
            APIClient(client: ServiceClient(service: service, baseURL: url, http: http, configuration: settings).bearer(token))
        }
        let registry = client("registry", registry)
        try await refuseASecondCity(registry)
        let city = try await RegistrySeeder(registry: registry, robotURL: robot).seed(progress: progress)
        let residents = city.residentIDs.values.reduce(0) { $0 + $1.count }
        progress.line("seeded \(city.compoundIDs.count) compounds and \(residents) residents in the registry (\(progress.elapsed))")
        let year = try await CalendarSeeder(calendar: client("calendar", calendar), tokens: tokens, city: city, now: now).seed(progress: progress)
        progress.line(
            "seeded \(year.themes) themes, \(year.activities) activities, \(year.registrations) registrations, \(year.attendances) attendances, "
                + "\(year.cancellations) cancellations in the calendar (\(progress.elapsed))"
        )
        let issues = try await ConcernsSeeder(concerns: client("concerns", concerns), tokens: tokens, city: city, now: now).seed(progress: progress)
        progress.line(
            "seeded \(issues.concerns) concerns (\(issues.settled) settled), \(issues.councils) councils and \(issues.decisions) decisions "
                + "in concerns (\(progress.elapsed))"
        )
        return DemoFigures(
            compounds: city.compoundIDs.count,
            residents: residents,
            themes: year.themes,
            activities: year.activities,
            registrations: year.registrations,
            attendances: year.attendances,
            cancellations: year.cancellations,
            concerns: issues.concerns,
            settled: issues.settled,
            councils: issues.councils,
            decisions: issues.decisions
        )
    }

    /// Fails when the registry already has the demo's city: a second seed would load a second copy beside it.
    private func refuseASecondCity(_ registry: APIClient) async throws {
        let areas = try await registry.items("/v1/areas")
        if let city = areas.first(where: { $0["level"] as? String == "city" && $0["name"] as? String == DemoCity.cityName }) {
            throw AlreadySeeded(
                description: "the registry (\(registry.client.baseURL)) already has the demo city (\(DemoCity.cityName), area \(city["id"] ?? "?")): "
                    + "seeding again would load a second copy beside it; nothing was loaded. Reset the database first"
            )
        }
    }

    /// The registry already holds a demo city (whole, or part of one from a seed that did not finish).
    struct AlreadySeeded: Error, CustomStringConvertible {
        let description: String
    }
}
