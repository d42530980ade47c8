import Foundation
import LinliTestSupport
import Postgres
import Processes
import Testing

extension EndToEnd {
    /// `linli seed --scale demo`, the built binary, against the five real services: it finishes within
    /// its time limit, makes what it planned, and the databases hold the demo city's figures.
    @Suite("End to end: the demo seed loads the whole demo city through the APIs", .serialized)
    struct DemoSeedTests {
        /// How long the seed may take before the test kills it and fails (the run itself goes on).
        static let limit: Duration = .seconds(300)

        /// The demo city's figures that do not depend on the day it is seeded: 20 compounds of 24 households
        /// of 2–4 people; twelve monthly themes, each a published activity in every compound; in every compound
        /// three concerns and one more in every other, two of them settled (one by its council), one council
        /// and one decision.
        static let fixed = [
            "compounds": 20, "residents": 1_440, "themes": 12, "activities": 240,
            "concerns": 70, "settled": 40, "councils": 20, "decisions": 20,
        ]

        @Test(.timeLimit(.minutes(15)))
        func theDemoSeedFinishesInTimeAndLoadsEveryFigureItPlanned() async throws {
            try await SystemUnderTest.run { system in try await seed(system) }
        }

        @Test(.timeLimit(.minutes(10)))
        func aServiceKilledMidSeedStopsTheSeedWithinSecondsNamingTheRequest() async throws {
            try await SystemUnderTest.run { system in try await seedLosingTheCalendar(system) }
        }

        /// Starts `linli seed --scale demo` against the system's services; its output goes to `log`.
        private func startSeed(_ system: SystemUnderTest, log: String) throws -> ChildProcess {
            let arguments = [
                "seed", "--scale", "demo", "--registry", system.registry.baseURL, "--calendar", system.calendar.baseURL,
                "--concerns", system.concerns.baseURL, "--robot", "http://127.0.0.1:\(system.robot.port)/cgi-bin/webhook/send",
            ]
            return try ChildProcess.spawn(
                try BuiltProducts.path("linli"),
                arguments,
                environment: ["LINLI_DATABASE_URL": system.database.configuration().connectionString],
                outputPath: log
            )
        }

        /// The calendar is SIGKILLed while the compounds' activities are being seeded, twenty at a time:
        /// the seed stops at the first failed request, cancels the others, names it, and exits 1.
        private func seedLosingTheCalendar(_ system: SystemUnderTest) async throws {
            let log = system.folder + "/seed.log"
            let child = try startSeed(system, log: log)
            let output = { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
            do {
                try await Waiting.until(timeout: .seconds(180), "the seed to reach the compounds' activities") { output().contains("[4/5]") }
            } catch {
                child.send(SIGKILL)
                _ = await child.wait()
                throw error
            }
            try await Task.sleep(for: .seconds(2))
            await system.calendar.kill()
            let killed = ContinuousClock.now
            let outcome = await Self.wait(for: child, limit: .seconds(60))
            let stoppedAfter = ContinuousClock.now - killed
            let text = output()
            if let stop = text.split(separator: "\n").first(where: { $0.hasPrefix("linli seed: stopped") }) {
                print("\(stoppedAfter) after the calendar was killed: \(stop)")
            }
            #expect(outcome == .exited(1), "the seed's output ends: \(text.suffix(2_000))")
            #expect(stoppedAfter < .seconds(30), "the seed stopped \(stoppedAfter) after the calendar was killed")
            #expect(text.contains("linli seed: stopped after"))
            #expect(text.contains("calendar (\(system.calendar.baseURL)): "), "the failure names the service: \(text.suffix(1_000))")
            #expect(!text.contains("totals: "))
        }

        private func seed(_ system: SystemUnderTest) async throws {
            let log = system.folder + "/seed.log"
            let child = try startSeed(system, log: log)
            let outcome = await Self.wait(for: child, limit: Self.limit)
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            let tail = String(output.suffix(3_000))
            guard outcome == .exited(0) else {
                throw TestSupportError(
                    outcome == .timedOut
                        ? "linli seed did not finish within \(Self.limit) and was killed; its output ends: \(tail)"
                        : "linli seed ended with \(outcome); its output ends: \(tail)"
                )
            }
            if let time = output.split(separator: "\n").last(where: { $0.contains("seeded the demo city in") }) {
                print("linli seed: \(time)")
            }

            let plan = try Self.figures("plan", in: output)
            let totals = try Self.figures("totals", in: output)
            #expect(totals == plan, "the totals the seed reported are what it planned")
            for (name, value) in Self.fixed { #expect(totals[name] == value, "\(name)") }
            for name in ["registrations", "attendances"] { #expect((totals[name] ?? 0) > 0, "\(name)") }

            // What the seed made through the APIs is stored by the request that made it: no need to wait for the queue.
            let counts: [(String, SQL)] = [
                ("compounds", "SELECT count(*) FROM registry.compounds"),
                ("residents", "SELECT count(*) FROM registry.residents"),
                ("themes", "SELECT count(*) FROM calendar.themes WHERE state = 'published'"),
                ("activities", "SELECT count(*) FROM calendar.activities WHERE kind = 'activity' AND state = 'published'"),
                ("registrations", "SELECT count(*) FROM calendar.registrations"),
                ("cancellations", "SELECT count(*) FROM calendar.registrations WHERE status = 'cancelled'"),
                ("attendances", "SELECT count(*) FROM calendar.attendance"),
                ("concerns", "SELECT count(*) FROM concerns.concerns"),
                ("settled", "SELECT count(*) FROM concerns.concerns WHERE state = 'settled'"),
                ("councils", "SELECT count(*) FROM concerns.councils"),
                ("decisions", "SELECT count(*) FROM concerns.decisions"),
            ]
            for (name, sql) in counts {
                let stored = try await system.count(sql)
                #expect(stored == totals[name], "\(name) in the database")
            }
            #expect(try await system.discardedJobs() == [])
        }

        /// How the seed ended.
        enum Outcome: Equatable, Sendable {
            case exited(Int32)
            case timedOut
            case cancelled
        }

        /// Waits for `child` to end, or kills it (SIGKILL) once `limit` has passed and reports `.timedOut`.
        static func wait(for child: ChildProcess, limit: Duration) async -> Outcome {
            await withTaskGroup(of: Outcome.self) { group in
                group.addTask { .exited(await child.wait()) }
                group.addTask {
                    do {
                        try await Task.sleep(for: limit)
                        return .timedOut
                    } catch {
                        return .cancelled
                    }
                }
                let first = await group.next() ?? .cancelled
                if first.status == nil { child.send(SIGKILL) }  // timed out or cancelled: child.wait() returns only once it is gone
                group.cancelAll()
                return first
            }
        }

        /// The `name=value` figures of the line that starts with `label: `.
        static func figures(_ label: String, in output: String) throws -> [String: Int] {
            guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix(label + ": ") }) else {
                throw TestSupportError("linli seed printed no `\(label): …` line; its output: \(output.suffix(2_000))")
            }
            return Dictionary(
                line.dropFirst(label.count + 2).split(separator: " ").compactMap { pair -> (String, Int)? in
                    let parts = pair.split(separator: "=")
                    guard parts.count == 2, let value = Int(parts[1]) else { return nil }
                    return (String(parts[0]), value)
                },
                uniquingKeysWith: { $1 }
            )
        }
    }
}

extension EndToEnd.DemoSeedTests.Outcome {
    /// The exit status, when the seed exited.
    var status: Int32? {
        if case .exited(let status) = self { return status }
        return nil
    }
}
