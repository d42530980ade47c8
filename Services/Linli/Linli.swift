import ArgumentParser

/// `linli`: the operator's command line.
@main
struct Linli: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linli",
        abstract: "Operate Linli: migrations, demo data, tokens and signing keys, the queue, analytics rollups (benchmarks: linli-bench).",
        subcommands: [MigrateCommand.self, SeedCommand.self, TokenCommand.self, KeysCommand.self, QueueCommand.self, AnalyticsCommand.self]
    )
}
