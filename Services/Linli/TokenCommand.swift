import ArgumentParser
import Foundation
import RegistryService
import ServiceKit

/// `linli token`: mints a bearer token for operators, local runs and scripts, signed with the
/// registry's current key read from the registry's database.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Mint a bearer token (EdDSA JWT) signed with the registry's key, read from its database (operators, local runs).",
        discussion: """
            Roles: admin (everything), district (--areas), secretary (--compounds), head (--households, --resident),
            resident (--households with their own household, --resident), dashboard (read-only aggregates).
            Example: linli token --role secretary --subject staff:li-na --compounds 12,13
            An operator token names no account (no `acct` claim), and that marks it: the services take its scope as
            written, where a sign-in token's scope follows the registry's records. People sign in instead (/auth/sign-in).
            """
    )

    @Option(help: "admin, district, secretary, head, resident or dashboard.") var role: String
    @Option(help: "Who the token is for, e.g. staff:li-na or resident:1042.") var subject: String
    @Option(help: "Area ids a district token covers, comma-separated.") var areas: String = ""
    @Option(help: "Compound ids a secretary token covers.") var compounds: String = ""
    @Option(help: "Household ids a head covers, or a resident's own.") var households: String = ""
    @Option(help: "The resident id behind a head or resident token.") var resident: Int?
    @Option(help: "Hours the token is valid.") var hours: Double = 8
    @Option(name: .customLong("database-url"), help: "libpq connection string of the registry's database (or LINLI_DATABASE_URL).")
    var databaseURL: String?
    @Option(help: "The issuer (default: LINLI_JWT_ISSUER or linli).") var issuer: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let role = Principal.Role(rawValue: self.role)
        guard Principal.Role.all.contains(role) else {
            throw ValidationError("--role must be one of \(Principal.Role.all.map(\.rawValue).joined(separator: ", "))")
        }
        func ids(_ text: String, _ name: String) throws -> [Int] {
            try text.split(separator: ",").map { part in
                guard let id = Int(part.trimmingCharacters(in: .whitespaces)) else { throw ValidationError("--\(name) takes ids like 1,2,3") }
                return id
            }
        }
        let principal = Principal(
            subject: subject,
            role: role,
            areaIDs: try ids(areas, "areas"),
            compoundIDs: try ids(compounds, "compounds"),
            householdIDs: try ids(households, "households"),
            residentID: resident
        )
        let name = issuer ?? environment["LINLI_JWT_ISSUER"] ?? "linli"
        let tokens = try await RegistryKeys.with(databaseURL: databaseURL) { try await $0.issuer(name: name) }
        print(try await tokens.mint(principal, lifetime: hours * 3600))
    }
}
