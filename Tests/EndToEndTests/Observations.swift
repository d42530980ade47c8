import Foundation
import LinliTestSupport
import Postgres
import ServiceKit

/// What residents, staff and dashboards see at the end: inboxes, points statements, analytics.
extension SystemUnderTest {
    /// A resident's inbox (newest first), as the resident behind `principal` reads it.
    func inbox(of principal: Principal) async throws -> [(kind: String, title: String, messageID: Int)] {
        let client = try await client(notifications, as: principal)
        return try await client.send("GET", "/v1/inbox?limit=200").items.map {
            ($0["kind"] as? String ?? "", $0["title"] as? String ?? "", $0["messageID"] as? Int ?? 0)
        }
    }

    /// The kinds in a resident's inbox, with how many of each.
    func inboxKinds(of principal: Principal) async throws -> [String: Int] {
        try await inbox(of: principal).reduce(into: [:]) { $0[$1.kind, default: 0] += 1 }
    }

    /// A resident's points statement (balance, lifetime, star level, entries) as the administrator reads it.
    func points(of residentID: Int) async throws -> (balance: Int, starLevel: Int, entries: [[String: Any]]) {
        let client = try await client(registry, as: Principal(subject: "staff:admin", role: .admin))
        let statement = try await client.get("/v1/residents/\(residentID)/points")
        return (statement["balance"] as? Int ?? -1, statement["starLevel"] as? Int ?? -1, statement["entries"] as? [[String: Any]] ?? [])
    }

    /// A metric's value for compound A over the month of `day` (`yyyy-MM-dd`), as the dashboard reads it;
    /// nil when there is no row or the value is null.
    func metric(_ id: String, compound: Int, month: String) async throws -> Double? {
        let client = try await client(analytics, as: Principal(subject: "staff:dashboard", role: .dashboard))
        let rows = try await client.send(
            "GET",
            "/v1/metrics/\(id)?interval=month&compound=\(compound)&from=\(month)-01&to=\(Self.nextMonth(month))-01"
        )
        .items
        let values = rows.compactMap { ($0["value"] as? NSNumber)?.doubleValue }
        return values.isEmpty ? nil : values.reduce(0, +)
    }

    /// `yyyy-MM` of the month after.
    static func nextMonth(_ month: String) -> String {
        let parts = month.split(separator: "-").compactMap { Int($0) }
        let (year, number) = parts[1] == 12 ? (parts[0] + 1, 1) : (parts[0], parts[1] + 1)
        return String(format: "%04d-%02d", year, number)
    }

    /// Waits until analytics shows exactly `expected` for a metric (events reach it asynchronously),
    /// and fails naming the metric and the last value seen.
    func waitForMetric(_ id: String, compound: Int, month: String, equal expected: Double) async throws {
        var last: Double?
        do {
            try await Waiting.until("analytics to show \(id) = \(expected)") {
                last = try await metric(id, compound: compound, month: month)
                return last.map { abs($0 - expected) < 1e-9 } ?? false
            }
        } catch {
            throw TestSupportError("\(id) for compound \(compound) in \(month): expected \(expected), last saw \(String(describing: last))")
        }
    }

    /// Ledger entries per attendance source, from the registry's append-only table (as the owner):
    /// more than one entry for an attendance would be points awarded twice.
    func attendancePointsEntries() async throws -> (entries: Int, distinctAttendances: Int) {
        let row = try await owner.query(
            """
            SELECT count(*) AS entries, count(DISTINCT idempotency_key) AS distinct_keys
            FROM registry.points_entries WHERE idempotency_key LIKE 'attendance:%'
            """
        )[0]
        return (try row.decode("entries", as: Int.self), try row.decode("distinct_keys", as: Int.self))
    }
}
