import ArgumentParser
import Foundation
import LinliHTTPClient
import Logging
import Postgres
import Processes
import RegistryService
import ServiceKit

/// `linli-bench signin`: 200 concurrent code verifications against the real registry (release
/// build, over loopback): 100 phones × 2 attempts with the right code, then one code raced by 200.
/// Asserts exactly the right number accepted (no code twice) and reports how long each race took.
struct SignInBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signin",
        abstract: "Phone sign-in: 200 concurrent code verifications, each code accepted exactly once."
    )

    @OptionGroup var options: BenchOptions
    @Option(help: "Phones (each verified twice at once with its right code).") var phones = 100

    func run() async throws {
        let connectionString = try options.connectionString
        // The bench plays many clients behind one reverse proxy (loopback), each with its own address.
        let started = try await RegistryProcess.start(
            connectionString: connectionString,
            extra: ["LINLI_TRUSTED_PROXIES": "127.0.0.1", "LINLI_RATE_LIMIT_WRITES_PER_MINUTE": "1000000"],
            log: "/tmp/linli-bench-signin.log"
        )
        let registry = started.process
        defer { registry.send(SIGKILL) }
        let base = started.baseURL
        let pool = PostgresPool(
            configuration: .init(connection: .init(connectionString: connectionString), maxConnections: 2),
            logger: Logger(label: "bench")
        )
        _ = try await RegistryBenchData.load(residents: 10, pool: pool)
        try await pool.execute("INSERT INTO queue.subscriptions (topic, queue) VALUES ('signin.code-issued', 'bench') ON CONFLICT DO NOTHING")
        let admin = try await SigningKeyStore(pool: pool).issuer().mint(Principal(subject: "bench", role: .admin))
        let client = BenchHTTP(service: "registry", baseURL: base).client
        let numbers = (0..<phones).map { "1370000\(String(format: "%04d", $0))" }
        for (index, phone) in numbers.enumerated() {
            let made = try await client.bearer(admin).call(
                "POST",
                "/v1/residents",
                body: .json(#"{"householdID":\#(index % 4 + 1),"name":"住户\#(index)","phone":"\#(phone)"}"#)
            )
            guard made.status == 201 else { throw BenchError("resident: \(made.status) \(made.text)") }
        }
        let raced = "13799990000"
        let racer = try await client.bearer(admin).call(
            "POST",
            "/v1/residents",
            body: .json(#"{"householdID":1,"name":"抢答者","phone":"\#(raced)"}"#)
        )
        guard racer.status == 201 else { throw BenchError("resident: \(racer.status)") }
        for (index, phone) in (numbers + [raced]).enumerated() {
            let asked = try await client.call(
                "POST",
                "/v1/auth/phone/code",
                body: .json(#"{"phone":"\#(phone)"}"#),
                headers: [("X-Forwarded-For", Self.address(index))]
            )
            guard asked.status == 202 else { throw BenchError("code: \(asked.status) \(asked.text)") }
        }
        let codes = Dictionary(
            try await pool.query("SELECT payload->>'phone', payload->>'code' FROM queue.jobs WHERE kind = 'signin.code-issued'").map {
                (try $0.decode(0, as: String.self), try $0.decode(1, as: String.self))
            },
            uniquingKeysWith: { $1 }
        )
        guard codes.count == phones + 1 else { throw BenchError("expected \(phones + 1) codes, found \(codes.count)") }
        // Race 1: every phone's right code sent twice at once (200 verifications).
        let attempts = numbers.enumerated().flatMap { index, phone in [(index, phone), (index, phone)] }
        let (first, firstSeconds) = try await Self.race(attempts.map { ($0.0, $0.1, codes[$0.1]!) }, client: client)
        // Race 2: one code raced by 200.
        let (second, secondSeconds) = try await Self.race((0..<200).map { ($0, raced, codes[raced]!) }, client: client)
        let issued = try await pool.query("SELECT count(*) FROM registry.refresh_tokens").scalar(Int.self) ?? -1
        await pool.shutdown()
        registry.send(SIGTERM)
        _ = await registry.wait()

        let firstRight = first[200] == phones && first[401, default: 0] + first[429, default: 0] == phones
        let secondRight = second[200] == 1 && second[401, default: 0] + second[429, default: 0] == 199
        guard firstRight, secondRight, issued == phones + 1 else {
            throw BenchError("wrong acceptances: race 1 \(first), race 2 \(second), \(issued) sign-ins")
        }
        var report = BenchReport(
            name: "signin",
            title: "Phone sign-in: 200 concurrent code verifications (`linli-bench signin`, release build)",
            header: ["race", "answers", "time for all 200", "expected"]
        )
        report.rows.append([
            "\(phones) phones × 2 verifications of the right code at once", Self.describe(first), String(format: "%.0f ms", firstSeconds * 1000),
            "\(phones) × 200, \(phones) refused",
        ])
        report.rows.append([
            "one code raced by 200 verifications", Self.describe(second), String(format: "%.0f ms", secondSeconds * 1000), "1 × 200, 199 refused",
        ])
        report.notes.append(
            "Each verification is a `POST /v1/auth/phone/verify` over loopback to the registry (each client its own address through a "
                + "trusted proxy). Verifications of one phone are serialised by its advisory lock and a code is used with `UPDATE … WHERE "
                + "consumed_at IS NULL … RETURNING`; a refused attempt counts as a wrong code (401), and after five the phone is locked "
                + "(429). \(issued) refresh tokens were issued in all: no code was accepted twice."
        )
        report.json = [
            "phones": phones, "race_phones_ms": firstSeconds * 1000, "race_one_code_ms": secondSeconds * 1000,
            "race_phones_accepted": first[200] ?? 0, "race_one_code_accepted": second[200] ?? 0,
        ]
        try report.publish(to: options.write)
    }

    /// Sends the verifications all at once; the answers by status, and the seconds until the last came.
    static func race(_ attempts: [(Int, String, String)], client: ServiceClient) async throws -> ([Int: Int], Double) {
        let started = ContinuousClock.now
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for (index, phone, code) in attempts {
                group.addTask {
                    try await client.call(
                        "POST",
                        "/v1/auth/phone/verify",
                        body: .json(#"{"phone":"\#(phone)","code":"\#(code)"}"#),
                        headers: [("X-Forwarded-For", address(index))]
                    ).status
                }
            }
            return try await group.reduce(into: [Int: Int]()) { $0[$1, default: 0] += 1 }
        }
        return (statuses, (ContinuousClock.now - started).seconds)
    }

    static func address(_ index: Int) -> String { "198.51.\(index / 250).\(index % 250 + 1)" }

    static func describe(_ statuses: [Int: Int]) -> String {
        statuses.sorted { $0.key < $1.key }.map { "\($0.value) × \($0.key)" }.joined(separator: ", ")
    }
}
