import ArgumentParser
import Foundation

/// `linli-bench …`: measurements that go into docs/benchmarks.md.
///
/// Its own executable, not a subcommand of `linli`, because it drives the services in process with
/// HummingbirdTesting and loads generated cities (`AnalyticsCity`): the shipped binaries carry neither.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linli-bench",
        abstract: "Measure Linli against a reference in the same run (use a release build).",
        discussion: """
            Each benchmark prints a Markdown table and a JSON line. With --write it also replaces its own
            section of a Markdown file (docs/benchmarks.md), between <!-- bench:NAME --> markers.
            scripts/bench starts a throwaway PostgreSQL with default (durable) settings and runs these.
            """,
        subcommands: [
            PostgresBench.self, QueueBench.self, QueueBenchWorker.self, RegistryBench.self, CalendarBench.self, NotificationsBench.self,
            AnalyticsBench.self, ConcernsBench.self, TokenBench.self, SignInBench.self,
        ]
    )
}

/// Options every benchmark takes.
struct BenchOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "libpq connection string of an empty database (or LINLI_DATABASE_URL).")
    var databaseURL: String?

    @Option(help: "Write the result table into this Markdown file's section for the benchmark.")
    var write: String?

    var connectionString: String {
        get throws {
            if let databaseURL { return databaseURL }
            if let fromEnvironment = ProcessInfo.processInfo.environment["LINLI_DATABASE_URL"] { return fromEnvironment }
            throw ValidationError("give --database-url or set LINLI_DATABASE_URL")
        }
    }
}
