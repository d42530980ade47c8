import ArgumentParser

/// `linli`: the operator's command line.
@main
struct Linli: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linli",
        abstract: "Operate Linli: migrations, demo data, tokens, the queue, analytics rollups and benchmarks.",
        subcommands: [MigrateCommand.self, SeedCommand.self, TokenCommand.self, QueueCommand.self, AnalyticsCommand.self, Bench.self]
    )
}
