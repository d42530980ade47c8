import ArgumentParser
import Foundation
import Logging
import Postgres
import RegistryService
import ServiceKit

/// The registry's signing keys, reached through its database, for `linli token`, `linli seed` and `linli keys`.
enum RegistryKeys {
    /// Runs `body` with the registry's key store on a one-connection pool, shut down afterwards.
    static func with<T: Sendable>(databaseURL: String?, _ body: (SigningKeyStore) async throws -> T) async throws -> T {
        guard let url = databaseURL ?? ProcessInfo.processInfo.environment["LINLI_DATABASE_URL"] else {
            throw ValidationError("give --database-url (the registry's database) or set LINLI_DATABASE_URL")
        }
        var logger = Logger(label: "linli-keys")
        logger.logLevel = .warning
        let pool = PostgresPool(
            configuration: .init(connection: .init(connectionString: url, applicationName: "linli-keys"), maxConnections: 1),
            logger: logger
        )
        do {
            let result = try await body(SigningKeyStore(pool: pool))
            await pool.shutdown()
            return result
        } catch {
            await pool.shutdown()
            throw error
        }
    }
}

/// `linli keys`: the registry's token signing keys.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "List or rotate the registry's token signing keys (see docs/operations.md, \"Rotating the signing key\").",
        subcommands: [Rotate.self, List.self]
    )

    /// `linli keys rotate`.
    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make the next signing key: published now, signing in 2 minutes; the old key is trusted until its tokens expire."
        )
        @Option(name: .customLong("database-url"), help: "libpq connection string of the registry's database (or LINLI_DATABASE_URL).")
        var databaseURL: String?
        @Option(help: "The longest access-token lifetime in hours (the old key is trusted this long after the switch, plus 60 s).")
        var tokenHours: Double = TokenIssuer.defaultLifetime / 3600

        func run() async throws {
            let key = try await RegistryKeys.with(databaseURL: databaseURL) { try await $0.rotate(tokenLifetime: tokenHours * 3600) }
            print("made \(key.kid): published now, signs from \(key.signsFrom.formatted(.iso8601))")
        }
    }

    /// `linli keys list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the signing keys, the newest first.")
        @Option(name: .customLong("database-url"), help: "libpq connection string of the registry's database (or LINLI_DATABASE_URL).")
        var databaseURL: String?

        func run() async throws {
            let keys = try await RegistryKeys.with(databaseURL: databaseURL) { try await $0.list() }
            print("kid\tcreated\tsigns from\tstops signing\ttrusted until")
            for key in keys {
                let columns = [key.createdAt, key.signsFrom, key.retiredAt, key.retireAfter].map { $0?.formatted(.iso8601) ?? "-" }
                print(([key.kid] + columns).joined(separator: "\t"))
            }
        }
    }
}
