import ArgumentParser

/// `linli`: the operator's command line.
@main
struct Linli: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linli",
        abstract: "Operate Linli: benchmarks, and (as the services land) migrations, demo data, tokens and the queue.",
        subcommands: [Bench.self, AnalyticsCommand.self]
    )
}
