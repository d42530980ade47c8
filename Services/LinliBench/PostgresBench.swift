import ArgumentParser
import Foundation
import Logging
import Postgres

/// `linli-bench postgres`: the libpq client against pgbench, COPY against multi-row INSERT, the cost of a hop.
struct PostgresBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postgres",
        abstract: "Round trips through the pool vs pgbench -M prepared; COPY vs INSERT; thread-hop cost."
    )

    @OptionGroup var options: BenchOptions

    @Option(help: "Seconds per measurement.")
    var seconds = 5

    @Option(help: "Rounds of the alternating Swift/pgbench measurements; the median round is reported.")
    var rounds = 3

    func run() async throws {
        let connection = PostgresConfiguration(connectionString: try options.connectionString, applicationName: "linli-bench")
        let logger = Logger(label: "bench")
        var report = BenchReport(
            name: "postgres",
            title: "PostgreSQL client (libpq on connection threads) vs pgbench",
            header: ["measurement", "clients", "Linli", "pgbench -M prepared", "Linli / pgbench"]
        )
        let pgbench = Pgbench(connectionString: connection.connectionString)
        let script = "\\set id random(1, 1000000)\nSELECT :id::int8 + 1 AS n;\n"
        var json: [String: Double] = [:]
        for clients in [1, 2, 4] {
            let pool = PostgresPool(configuration: .init(connection: connection, maxConnections: clients), logger: logger)
            _ = try await roundTrips(pool: pool, clients: clients, seconds: 1)  // warm-up: open and prepare
            var ours: [Double] = []
            var theirs: [Double] = []
            var pinned: [Double] = []
            for _ in 0..<rounds {
                ours.append(try await roundTrips(pool: pool, clients: clients, seconds: seconds))
                theirs.append(try await pgbench.run(script: script, clients: clients, seconds: seconds))
                pinned.append(try await pinnedRoundTrips(pool: pool, clients: clients, seconds: seconds))
            }
            await pool.shutdown()
            let (mine, reference, held) = (median(ours), median(theirs), median(pinned))
            report.rows.append([
                "SELECT $1 round trips/s, a `pool.query` each", "\(clients)", formatRate(mine), formatRate(reference),
                formatPercent(mine / reference),
            ])
            report.rows.append([
                "SELECT $1 round trips/s, connection held (`withConnection` loop)", "\(clients)", formatRate(held), formatRate(reference),
                formatPercent(held / reference),
            ])
            json["roundtrips_pool_\(clients)"] = mine
            json["roundtrips_held_\(clients)"] = held
            json["pgbench_\(clients)"] = reference
        }

        let pool = PostgresPool(configuration: .init(connection: connection, maxConnections: 2), logger: logger)
        let (copyRate, insertRate) = try await bulkLoad(pool: pool, rows: 100_000)
        report.rows.append([
            "rows/s loading 100,000 rows: COPY binary vs multi-row INSERT (1,000 rows each)", "1", formatRate(copyRate),
            formatRate(insertRate) + " (INSERT)", formatPercent(copyRate / insertRate),
        ])
        json["copy_rows_per_s"] = copyRate
        json["insert_rows_per_s"] = insertRate

        let hop = try await hopCost(pool: pool)
        await pool.shutdown()
        report.notes.append(
            "Hop cost: an `await` on an isolated method of a connection (caller → connection thread → caller) took \(String(format: "%.1f", hop.actorHop)) µs; a whole `withConnection` with an empty body (acquire, health check, hop, release) \(String(format: "%.1f", hop.lend)) µs."
        )
        report.notes.append(
            "Median of \(rounds) rounds of \(seconds) s, Linli and pgbench alternating in one run; pgbench uses one connection per client (-c N -j N). \(machineLine())"
        )
        json["hop_us"] = hop.actorHop
        json["lend_us"] = hop.lend
        report.json = json
        try report.publish(to: options.write)
    }

    /// Round trips per second when each caller borrows a connection from the pool for every query.
    func roundTrips(pool: PostgresPool, clients: Int, seconds: Int) async throws -> Double {
        let deadline = ContinuousClock.now + .seconds(seconds)
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for client in 0..<clients {
                group.addTask {
                    var count = 0
                    var id = client
                    while ContinuousClock.now < deadline {
                        id = id &+ 7919
                        _ = try await pool.query("SELECT \(id % 1_000_000)::int8 + 1 AS n", prepared: true)
                        count += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        return Double(total) / Double(seconds)
    }

    /// Round trips per second when each caller keeps one connection and loops on its thread: the client's floor.
    func pinnedRoundTrips(pool: PostgresPool, clients: Int, seconds: Int) async throws -> Double {
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for client in 0..<clients {
                group.addTask {
                    try await pool.withConnection { connection in
                        let deadline = ContinuousClock.now + .seconds(seconds)
                        var count = 0
                        var id = client
                        while ContinuousClock.now < deadline {
                            id = id &+ 7919
                            _ = try connection.query("SELECT \(id % 1_000_000)::int8 + 1 AS n", prepared: true)
                            count += 1
                        }
                        return count
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        return Double(total) / Double(seconds)
    }

    /// Rows per second for COPY and for multi-row INSERTs of the same rows into the same kind of table.
    func bulkLoad(pool: PostgresPool, rows: Int) async throws -> (copy: Double, insert: Double) {
        try await pool.execute("DROP TABLE IF EXISTS bench_copy, bench_insert")
        for table in ["bench_copy", "bench_insert"] {
            try await pool.execute("CREATE TABLE \(identifier: table) (id int8 PRIMARY KEY, compound int4, name text, at timestamptz)")
        }
        let start = Date()
        let copyStarted = ContinuousClock.now
        try await pool.withConnection { connection in
            try connection.copy(
                into: "bench_copy",
                columns: ["id", "compound", "name", "at"],
                rows: (0..<rows).lazy.map { index -> [(any PostgresEncodable)?] in
                    [index, index % 1075, "居民 \(index)", start.addingTimeInterval(Double(index))]
                }
            )
        }
        let copySeconds = (ContinuousClock.now - copyStarted).seconds
        let insertStarted = ContinuousClock.now
        try await pool.withConnection { connection in
            for batch in stride(from: 0, to: rows, by: 1000) {
                let values = (batch..<min(batch + 1000, rows)).map { index -> SQL in
                    "(\(index), \(Int32(index % 1075)), \("居民 \(index)"), \(start.addingTimeInterval(Double(index))))"
                }
                try connection.execute("INSERT INTO bench_insert (id, compound, name, at) VALUES \(SQL.joined(values, separator: ", "))")
            }
        }
        let insertSeconds = (ContinuousClock.now - insertStarted).seconds
        try await pool.execute("DROP TABLE bench_copy, bench_insert")
        return (Double(rows) / copySeconds, Double(rows) / insertSeconds)
    }

    /// Microseconds per hop onto a connection's thread and back, and per empty `withConnection`.
    func hopCost(pool: PostgresPool) async throws -> (actorHop: Double, lend: Double) {
        let connection = try await PostgresConnection.connect(pool.configuration.connection, logger: Logger(label: "bench"))
        let iterations = 50_000
        var started = ContinuousClock.now
        for _ in 0..<iterations { _ = await connection.isBroken }
        let hop = (ContinuousClock.now - started).seconds / Double(iterations) * 1e6
        await connection.close()
        started = ContinuousClock.now
        for _ in 0..<iterations { try await pool.withConnection { _ in } }
        let lend = (ContinuousClock.now - started).seconds / Double(iterations) * 1e6
        return (hop, lend)
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

/// One line naming the machine, for the notes under a table.
func machineLine() -> String {
    "Machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB."
}

extension Duration {
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
