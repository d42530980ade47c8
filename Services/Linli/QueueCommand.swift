import ArgumentParser
import Foundation
import JobQueue
import Logging
import Postgres

/// `linli queue …`: the operator's view of the job queue.
struct QueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Inspect the job queue; retry or cancel jobs.",
        subcommands: [Stats.self, List.self, Retry.self, Cancel.self]
    )

    struct Connection: ParsableArguments {
        @Option(name: .customLong("database-url"), help: "libpq connection string (or LINLI_DATABASE_URL).")
        var databaseURL: String?

        /// Runs `body` with the admin API, closing the connection afterwards.
        func withAdmin(_ body: (QueueAdmin) async throws -> Void) async throws {
            guard let url = databaseURL ?? ProcessInfo.processInfo.environment["LINLI_DATABASE_URL"] else {
                throw ValidationError("give --database-url or set LINLI_DATABASE_URL")
            }
            let pool = PostgresPool(
                configuration: .init(connection: .init(connectionString: url, applicationName: "linli-cli"), maxConnections: 1),
                logger: Logger(label: "linli")
            )
            do {
                try await body(QueueAdmin(pool: pool))
            } catch {
                await pool.shutdown()
                throw error
            }
            await pool.shutdown()
        }
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Jobs per queue and state, and the oldest available job's age.")
        @OptionGroup var connection: Connection

        func run() async throws {
            try await connection.withAdmin { admin in
                let states = ["scheduled", "available", "running", "retryable", "completed", "discarded", "cancelled"]
                print(
                    ([String("queue".padding(toLength: 16, withPad: " ", startingAt: 0))]
                        + states.map { $0.padding(toLength: 10, withPad: " ", startingAt: 0) } + ["oldest"]).joined(separator: " ")
                )
                for queue in try await admin.statistics() {
                    let counts = states.map { String(queue.counts[$0] ?? 0).padding(toLength: 10, withPad: " ", startingAt: 0) }
                    print(
                        ([queue.queue.padding(toLength: 16, withPad: " ", startingAt: 0)] + counts + [
                            String(format: "%.1fs", queue.oldestAvailableSeconds)
                        ]).joined(separator: " ")
                    )
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Jobs in a state (discarded by default), newest first, with their errors.")
        @OptionGroup var connection: Connection
        @Option(help: "scheduled, available, running, retryable, completed, discarded or cancelled.") var state = "discarded"
        @Option(help: "Only this queue.") var queue: String?
        @Option(help: "Only this kind.") var kind: String?
        @Option(help: "How many.") var limit = 20

        func run() async throws {
            try await connection.withAdmin { admin in
                for job in try await admin.jobs(state: state, queue: queue, kind: kind, limit: limit) {
                    print("#\(job.id) \(job.queue) \(job.kind) attempt \(job.attempt)/\(job.maxAttempts) due \(job.runAt)")
                    for error in job.errors { print("    attempt \(error.attempt) at \(error.at): \(error.error)") }
                }
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run a job again by id, or every discarded job of a kind.")
        @OptionGroup var connection: Connection
        @Argument(help: "The job id.") var id: Int?
        @Option(help: "Retry every discarded job of this kind instead.") var kind: String?

        func run() async throws {
            try await connection.withAdmin { admin in
                if let kind {
                    print("retrying \(try await admin.retryDiscarded(kind: kind)) jobs")
                } else if let id {
                    print(try await admin.retry(id: id) ? "retrying #\(id)" : "#\(id) is not in a state that can be retried")
                } else {
                    throw ValidationError("give a job id or --kind")
                }
            }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a job (a running one stops at its next lease renewal).")
        @OptionGroup var connection: Connection
        @Argument(help: "The job id.") var id: Int

        func run() async throws {
            try await connection.withAdmin { admin in
                print(try await admin.cancel(id: id) ? "cancelling #\(id)" : "#\(id) is not unfinished")
            }
        }
    }
}
