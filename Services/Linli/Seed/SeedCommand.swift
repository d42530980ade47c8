import ArgumentParser
import Foundation
import ServiceKit

/// `linli seed`: loads demo data through the running services' own APIs.
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Load a demo city through the services' APIs (the services must be running).",
        discussion: """
            --scale demo: two districts, 20 compounds, ~1,400 residents, heads, branches, teams and group chats (registry); \
            a year of monthly themes, each compound's published activities with sign-ups, check-ins and paper rosters for \
            past occurrences and a few cancellations (calendar); concerns in every compound, some settled, and a \
            four-party council per compound with a meeting held and a decision recorded (concerns). City-scale data: \
            `linli-bench analytics`.
            """
    )

    @Option(help: "demo") var scale = "demo"
    @Option(help: "The registry's URL.") var registry = "http://127.0.0.1:8081"
    @Option(help: "The calendar's URL.") var calendar = "http://127.0.0.1:8082"
    @Option(help: "The concerns service's URL.") var concerns = "http://127.0.0.1:8085"
    @Option(help: "Where the local WeCom robot stand-in listens.") var robot = "http://127.0.0.1:8090/cgi-bin/webhook/send"
    @Option(help: "The signing secret (default: LINLI_JWT_SECRET).") var secret: String?

    func run() async throws {
        if scale == "city" {
            throw ValidationError(
                "--scale city is not loaded through the APIs: use `linli-bench analytics` (a COPY-based generator) for city-scale data"
            )
        }
        guard scale == "demo" else { throw ValidationError("--scale demo is the one scale (city-scale data: linli-bench analytics)") }
        guard let secret = secret ?? ProcessInfo.processInfo.environment["LINLI_JWT_SECRET"] else {
            throw ValidationError("give --secret or set LINLI_JWT_SECRET")
        }
        let tokens = SeedTokens(service: await TokenService(secret: secret, issuer: "linli"))
        let token = try await tokens.admin()
        let started = Date()
        let elapsed = { String(format: "%5.0f s", Date().timeIntervalSince(started)) }
        let progress: @Sendable (String) -> Void = { print("[\(String(format: "%4.0f s", Date().timeIntervalSince(started)))] \($0)") }
        let city = try await RegistrySeeder(registry: APIClient(baseURL: registry, token: token), robotURL: robot).seed(progress: progress)
        let residents = city.residentIDs.values.reduce(0) { $0 + $1.count }
        print("seeded \(city.compoundIDs.count) compounds and \(residents) residents in the registry (\(elapsed()))")
        let now = Date()
        let year = try await CalendarSeeder(calendar: APIClient(baseURL: calendar, token: token), tokens: tokens, city: city, now: now)
            .seed(progress: progress)
        print(
            "seeded \(year.themes) themes, \(year.activities) activities, \(year.registrations) registrations, \(year.attendances) attendances, "
                + "\(year.cancellations) cancellations in the calendar (\(elapsed()))"
        )
        let issues = try await ConcernsSeeder(concerns: APIClient(baseURL: concerns, token: token), tokens: tokens, city: city, now: now)
            .seed(progress: progress)
        print(
            "seeded \(issues.concerns) concerns (\(issues.settled) settled), \(issues.councils) councils and \(issues.decisions) decisions "
                + "in concerns (\(elapsed()))"
        )
    }
}
