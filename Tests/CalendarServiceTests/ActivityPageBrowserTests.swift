import CalendarCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Postgres
import ServiceKit
import ServiceTestSupport
import Testing

@testable import CalendarService

/// The calendar's pages seen through the shared ``PageBrowser``.
typealias ActivityPageBrowser = PageBrowser

extension PageBrowser {
    /// A browser signed in as `principal` on the calendar under test.
    static func signedIn(_ client: any TestClientProtocol, as principal: Principal?, env: CalendarTestEnvironment) async throws -> Self {
        try await signedIn(client, as: principal, environment: env.environment)
    }
}

extension CalendarTestEnvironment {
    /// Runs `body` with a test client of the calendar's router.
    func pages(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await runtime.makeApplication(router: router).test(.router) { client in try await body(client) }
    }

    /// Adds 5004, the elderly father of 5001, to household 1001 in 枫林小区.
    func seedFather() async throws {
        try await pool.withTransaction { tx in
            try ProjectionStore.apply(
                HouseholdChanged(
                    householdID: 1001,
                    placement: City.placement(household: 1001),
                    dwelling: "1001室",
                    memberIDs: [5001, 5004],
                    dissolved: false,
                    revision: 2
                ),
                on: tx
            )
            try ProjectionStore.apply(
                ResidentRegistered(
                    residentID: 5004,
                    name: "居民5004",
                    phone: "13800005004",
                    birthYear: 1940,
                    placement: City.placement(household: 1001),
                    registeredAt: Date(timeIntervalSince1970: 1_700_000_000),
                    revision: 1
                ),
                on: tx
            )
        }
    }

    /// The registrations as (resident, channel, registered by, status), by id.
    func registrations(occurrenceStart start: String, activity: Int) async throws -> [(Int, String, Int?, String)] {
        let rows = try await pool.query(
            """
            SELECT r.resident_id, r.channel, r.registered_by, r.status FROM calendar.registrations r
            JOIN calendar.occurrences o ON o.id = r.occurrence_id
            WHERE o.activity_id = \(activity) AND o.recurrence_id = \(start) ORDER BY r.id
            """
        )
        return try rows.map { row in
            (
                try row.decode("resident_id", as: Int.self), try row.decode("channel", as: String.self),
                try row.decode("registered_by", as: Int?.self), try row.decode("status", as: String.self)
            )
        }
    }
}

/// The Chinese words of a local start as the page writes them: `12月12日 周六 14:30`.
func pageDay(_ local: String) -> String {
    let time = LocalDateTime(text: local)!
    return
        "\(time.date.month)月\(time.date.day)日 \(WebStrings.Activity.weekdays[time.date.weekday.rawValue - 1]) \(ChineseTime.pad(time.hour)):\(ChineseTime.pad(time.minute))"
}
