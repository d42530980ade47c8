import Foundation
import LinliTestSupport
import Processes
import Testing

/// Every service's own keys, each given a bad value, stop its real executable before it connects:
/// status 78 and one line naming the key (and the value, unless it is a secret).
@Suite("A bad value of a service's own key stops its executable with status 78")
struct ConfigurationExitTests {
    /// A bad value, and whether it is a secret that must not be echoed.
    struct BadValue: Sendable, CustomTestStringConvertible {
        let key: String
        let value: String
        var isSecret = false
        var testDescription: String { "\(key)=\(isSecret ? "…" : value)" }
    }

    @Test(arguments: [
        BadValue(key: "LINLI_REGISTRY_DATA_KEY", value: "not-base64!", isSecret: true),
        BadValue(key: "LINLI_REGISTRY_DATA_KEY", value: Data(repeating: 7, count: 16).base64EncodedString(), isSecret: true),
        BadValue(key: "LINLI_REGISTRY_IMPORT_LIMIT_ROWS", value: "0"),
    ])
    func registry(_ bad: BadValue) async throws { try await Self.expectRefusal(of: bad, by: "registry") }

    @Test(arguments: [
        BadValue(key: "LINLI_CALENDAR_ACTIVITY_LINK", value: "https://linli.example/activities"),
        BadValue(key: "LINLI_CALENDAR_ACTIVITY_LINK", value: "activities/{id}"),
        BadValue(key: "LINLI_CALENDAR_HORIZON_DAYS", value: "30"),
        BadValue(key: "LINLI_CALENDAR_REMINDER_HORIZON_DAYS", value: "1"),
        BadValue(key: "LINLI_CALENDAR_CHECK_IN_OPENS_MINUTES", value: "-5"),
        BadValue(key: "LINLI_CALENDAR_FEED_HISTORY_DAYS", value: "forever"),
    ])
    func calendar(_ bad: BadValue) async throws { try await Self.expectRefusal(of: bad, by: "calendar") }

    @Test(arguments: [
        BadValue(key: "LINLI_NOTIFICATIONS_QUIET_HOURS", value: "22-7"),
        BadValue(key: "LINLI_NOTIFICATIONS_TIME_ZONE", value: "Mars/Olympus_Mons"),
        BadValue(key: "LINLI_NOTIFICATIONS_URGENT_KINDS", value: "activity.canceled"),
        BadValue(key: "LINLI_NOTIFICATIONS_ROBOT_LIMIT", value: "0"),
        BadValue(key: "LINLI_NOTIFICATIONS_ROBOT_WINDOW_SECONDS", value: "3601"),
        BadValue(key: "LINLI_NOTIFICATIONS_HTTP_TIMEOUT_SECONDS", value: "0"),
        BadValue(key: "LINLI_NOTIFICATIONS_MAX_ATTEMPTS", value: "101"),
        BadValue(key: "LINLI_NOTIFICATIONS_RETRY_BASE_MS", value: "soon"),
        BadValue(key: "LINLI_NOTIFICATIONS_DIGEST_CRON", value: "0 25 * * *"),
        BadValue(key: "LINLI_NOTIFICATIONS_INBOX_POLL_MS", value: "10"),
        BadValue(key: "LINLI_NOTIFICATIONS_INBOX_HEARTBEAT_SECONDS", value: "0"),
    ])
    func notifications(_ bad: BadValue) async throws { try await Self.expectRefusal(of: bad, by: "notifications") }

    @Test(arguments: [
        BadValue(key: "LINLI_ANALYTICS_TIME_ZONE", value: "Mars/Olympus_Mons"),
        BadValue(key: "LINLI_ANALYTICS_SUPPRESSION_THRESHOLD", value: "0"),
        BadValue(key: "LINLI_ANALYTICS_SNAPSHOT_CRON", value: "every night"),
        BadValue(key: "LINLI_ANALYTICS_SNAPSHOT_CRON", value: "55 23 * * MON-XYZ"),
    ])
    func analytics(_ bad: BadValue) async throws { try await Self.expectRefusal(of: bad, by: "analytics") }

    @Test(arguments: [
        BadValue(key: "LINLI_CONCERNS_REOPEN_WINDOW_DAYS", value: "0"),
        BadValue(key: "LINLI_CONCERNS_ESCALATION_SCHEDULE", value: "soon"),
        BadValue(key: "LINLI_CONCERNS_ESCALATION_SCHEDULE", value: "*/0 * * * *"),
        BadValue(key: "LINLI_CONCERNS_ESCALATION_INTERVAL_HOURS", value: "721"),
        BadValue(key: "LINLI_CONCERNS_MAX_ESCALATIONS", value: "0"),
        BadValue(key: "LINLI_CONCERNS_ESCALATION_BATCH", value: "lots"),
        BadValue(key: "LINLI_CONCERNS_DUPLICATE_THRESHOLD_PERCENT", value: "101"),
    ])
    func concerns(_ bad: BadValue) async throws { try await Self.expectRefusal(of: bad, by: "concerns") }

    @Test(arguments: ExecutableTests.services)
    func anUnreadableDatabaseURLIsNamedWithoutItsPassword(_ service: String) async throws {
        let bad = BadValue(key: "LINLI_DATABASE_URL", value: "postgresql://linli:pa55word@db:5432/linli?sslmode", isSecret: true)
        let output = try await Self.expectRefusal(of: bad, by: service)
        #expect(!output.contains("pa55word"))
    }

    /// Starts the service with an otherwise good configuration whose database is nowhere, so only
    /// reading the configuration stops it; a service that got further would fail to connect instead.
    static func start(_ service: String, with bad: BadValue) async throws -> (status: Int32, output: String) {
        var environment = [
            "PATH": "/usr/bin:/bin",
            "LINLI_DATABASE_URL": "postgresql://linli@127.0.0.1:1/nowhere?connect_timeout=2",
            "LINLI_REGISTRY_DATA_KEY": Data(repeating: 3, count: 32).base64EncodedString(),
            "LINLI_HTTP_PORT": "0",
        ]
        environment[bad.key] = bad.value
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("linli-config-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let child = try ChildProcess.spawn(try BuiltProducts.path("linli-\(service)"), [], environment: environment, outputPath: outputPath)
        // A service that took the value would try the database and retry; do not wait for it forever.
        let deadline = Task {
            try await Task.sleep(for: .seconds(30))
            child.send(SIGKILL)
        }
        let status = await child.wait()
        deadline.cancel()
        return (status, (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")
    }

    /// Checks the service refused the value plainly; returns what it printed.
    @discardableResult
    static func expectRefusal(of bad: BadValue, by service: String) async throws -> String {
        let (status, output) = try await start(service, with: bad)
        #expect(status == 78, "\(output)")
        #expect(output.hasPrefix("linli-\(service): configuration: \(bad.key) "), "\(output)")
        #expect(output.split(separator: "\n").count == 1, "\(output)")
        #expect(!output.contains("Fatal error"))
        if bad.isSecret {
            #expect(!output.contains(bad.value), "a secret was echoed: \(output)")
        } else {
            #expect(output.contains("'\(bad.value)'"), "the bad value is not shown: \(output)")
        }
        return output
    }
}
