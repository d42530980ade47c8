import ArgumentParser
import Foundation
import ServiceKit

/// `linli seed`: loads demo data through the running services' own APIs.
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Load a demo city through the services' APIs (the services must be running).",
        discussion: "--scale demo: two districts, 20 compounds, ~1,400 residents, heads, branches, teams and group chats."
    )

    @Option(help: "demo") var scale = "demo"
    @Option(help: "The registry's URL.") var registry = "http://127.0.0.1:8081"
    @Option(help: "Where the local WeCom robot stand-in listens.") var robot = "http://127.0.0.1:8090/cgi-bin/webhook/send"
    @Option(help: "The signing secret (default: LINLI_JWT_SECRET).") var secret: String?

    func run() async throws {
        guard scale == "demo" else { throw ValidationError("--scale demo is the one scale so far") }
        guard let secret = secret ?? ProcessInfo.processInfo.environment["LINLI_JWT_SECRET"] else {
            throw ValidationError("give --secret or set LINLI_JWT_SECRET")
        }
        let token = try await TokenService(secret: secret, issuer: "linli").mint(Principal(subject: "seed", role: .admin), lifetime: 3600)
        let started = Date()
        let result = try await RegistrySeeder(registry: APIClient(baseURL: registry, token: token), robotURL: robot).seed { print($0) }
        let residents = result.residentIDs.values.reduce(0) { $0 + $1.count }
        print(
            String(format: "seeded %d compounds and %d residents in %.0f s", result.compoundIDs.count, residents, Date().timeIntervalSince(started))
        )
    }
}
