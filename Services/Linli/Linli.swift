import ArgumentParser

/// `linli`: the operator's command line.
@main
struct Linli: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linli",
        abstract: "Operate Linli: tokens, benchmarks, and (as the services land) migrations, demo data and the queue.",
        subcommands: [MigrateCommand.self, SeedCommand.self, TokenCommand.self, QueueCommand.self, Bench.self]
    )
}
