import AnalyticsService
import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import ServiceKit
import ServiceTestSupport
import Testing

@Suite("Metric routes: scope, suppression, CSV, validation, the glossary")
struct RoutesTests {
    /// Compound 1 has 6 attendances in January, compound 2 has 3, compound 3 (another district) has 5.
    static func scenario() -> [[any DomainEvent]] {
        var residents: [any DomainEvent] = []
        var attendances: [any DomainEvent] = []
        var id = 0
        for (compound, household, count) in [(1, 11, 6), (2, 21, 3), (3, 31, 5)] {
            for index in 0..<count {
                id += 1
                residents.append(Scenario.resident(id, compound: compound, household: household))
                attendances.append(
                    Scenario.attendance(id, resident: id, compound: compound, household: household, at: Scenario.day(1, 3 + index), hours: 1)
                )
            }
        }
        let delivered = NotificationDelivered(
            deliveryID: 1,
            kind: "activity.published",
            channel: "wecom-robot",
            compoundID: 1,
            status: "sent",
            attempts: 1,
            at: Scenario.day(1, 2)
        )
        return [Scenario.territory() + residents, attendances + [delivered]]
    }

    static let january = "from=2025-01-01&to=2025-02-01"

    @Test func smallCountsOfPeopleAreSuppressed() async throws {
        let env = try await AnalyticsTestEnvironment.make()
        try await env.ingest(Self.scenario())
        let rows = try await env.rows("/v1/metrics/attendances?\(Self.january)&groupBy=compound")
        let byCompound = Dictionary(uniqueKeysWithValues: rows.map { ($0["compoundID"] as! Int, $0) })
        #expect(byCompound[1]?["value"] as? Double == 6)
        #expect(byCompound[1]?["suppressed"] as? Bool == false)
        #expect(byCompound[2]?["value"] is NSNull)
        #expect(byCompound[2]?["suppressed"] as? Bool == true)
        #expect(byCompound[2]?["compound"] as? String == "书香苑")
        // Coverage rests on households reached: one household is too few to show.
        let coverage = try await env.rows("/v1/metrics/household-coverage?\(Self.january)&groupBy=compound")
        #expect(coverage.allSatisfy { $0["suppressed"] as? Bool == true && $0["value"] is NSNull })
        // Activities are not people: a count of 0 or 1 is shown.
        let total = try await env.rows("/v1/metrics/attendances?\(Self.january)")
        #expect(total.count == 1)
        #expect(total.first?["value"] as? Double == 14)
    }

    @Test func csvMatchesJSON() async throws {
        let env = try await AnalyticsTestEnvironment.make()
        try await env.ingest(Self.scenario())
        let json = try await env.rows("/v1/metrics/volunteer-hours?from=2024-12-01&to=2025-03-01&groupBy=compound")
        let headers = try await env.headers(AnalyticsTestEnvironment.dashboard)
        let (csv, accepted) = try await env.test { client in
            let byName = try await client.execute(
                uri: "/v1/metrics/volunteer-hours.csv?from=2024-12-01&to=2025-03-01&groupBy=compound",
                method: .get,
                headers: headers
            ) {
                response in
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                return String(buffer: response.body)
            }
            var accept = headers
            accept[.accept] = "text/csv"
            let byHeader = try await client.execute(
                uri: "/v1/metrics/volunteer-hours?from=2024-12-01&to=2025-03-01&groupBy=compound",
                method: .get,
                headers: accept
            ) { String(buffer: $0.body) }
            return (byName, byHeader)
        }
        #expect(csv == accepted)
        let lines = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines.first == ["ts", "compoundID", "compound", "value", "suppressed"])
        #expect(lines.count - 1 == json.count)
        #expect(json.count == 9)
        for (line, row) in zip(lines.dropFirst(), json) {
            #expect(line[0] == row["ts"] as? String)
            #expect(line[1] == "\(row["compoundID"]!)")
            #expect(line[2] == row["compound"] as? String)
            #expect(line[3] == ((row["value"] as? Double).map { $0 == $0.rounded() ? String(Int($0)) : "\($0)" } ?? ""))
            #expect(line[4] == "\(row["suppressed"] as! Bool)")
        }
    }

    @Test func readsAreScopedAndNobodyWrites() async throws {
        let env = try await AnalyticsTestEnvironment.make(suppressionThreshold: 1)
        try await env.ingest(Self.scenario())
        let district = Principal(subject: "staff:d10", role: .district, areaIDs: [10])
        let secretary = Principal(subject: "staff:s3", role: .secretary, compoundIDs: [3])
        let mine = try await env.rows("/v1/metrics/attendances?\(Self.january)&groupBy=compound", as: district)
        #expect(Set(mine.map { $0["compoundID"] as! Int }) == [1, 2])
        let total = try await env.rows("/v1/metrics/attendances?\(Self.january)", as: district)
        #expect(total.first?["value"] as? Double == 9)
        let theirs = try await env.rows("/v1/metrics/attendances?\(Self.january)&groupBy=compound", as: secretary)
        #expect(theirs.map { $0["compoundID"] as! Int } == [3])
        let admin = try await env.rows("/v1/metrics/attendances?\(Self.january)", as: AnalyticsTestEnvironment.admin)
        #expect(admin.first?["value"] as? Double == 14)
        let head = Principal(subject: "resident:1", role: .head, householdIDs: [11], residentID: 1)
        let tokens = (
            district: try await env.headers(district), head: try await env.headers(head),
            dashboard: try await env.headers(AnalyticsTestEnvironment.dashboard)
        )
        try await env.test { client in
            // Outside the scope, an area or a compound does not exist.
            try await client.execute(uri: "/v1/metrics/attendances?area=11", method: .get, headers: tokens.district) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/v1/metrics/attendances?compound=3", method: .get, headers: tokens.district) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/v1/overview?compound=3", method: .get, headers: tokens.district) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/v1/metrics/attendances?compound=2", method: .get, headers: tokens.district) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/metrics/attendances", method: .get, headers: tokens.head) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/v1/metrics", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/v1/metrics/attendances", method: .post, headers: tokens.dashboard) { response in
                #expect(response.status.code >= 400 && response.status.code < 500)
            }
            try await client.execute(uri: "/v1/metrics/attendances", method: .delete, headers: tokens.dashboard) { response in
                #expect(response.status.code >= 400 && response.status.code < 500)
            }
        }
    }

    @Test func badParametersAreNamed() async throws {
        let env = try await AnalyticsTestEnvironment.make()
        let headers = try await env.headers(AnalyticsTestEnvironment.dashboard)
        try await env.test { client in
            for (query, field) in [
                ("attendances?interval=year", "interval"), ("unique-residents?groupBy=theme", "groupBy"), ("attendances?from=yesterday", "from"),
                ("attendances?from=2025-03-01&to=2025-01-01", "from"), ("attendances?interval=day&from=2000-01-01", "from"),
                ("attendances?area=x", "area"), ("attendances?groupBy=area&areaLevel=9", "areaLevel"),
                // Days that do not exist, which Foundation would roll over into March.
                ("attendances?from=2026-02-30", "from"), ("attendances?from=2026-01-01&to=2026-02-29T00:00:00Z", "to"),
            ] {
                try await client.execute(uri: "/v1/metrics/\(query)", method: .get, headers: headers) { response in
                    #expect(response.status == .unprocessableContent, "\(query)")
                    let problem = try response.problem()
                    #expect(problem.fieldNames == [field], "\(query)")
                    #expect(!(problem.detail ?? "").contains("SELECT"))
                }
            }
            try await client.execute(uri: "/v1/metrics/no-such-metric", method: .get, headers: headers) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/v1/overview?month=2025-13x", method: .get, headers: headers) {
                #expect($0.status == .unprocessableContent)
            }
        }
    }

    @Test func theGlossaryDefinesEveryMetricOnce() async throws {
        let env = try await AnalyticsTestEnvironment.make()
        let headers = try await env.headers(AnalyticsTestEnvironment.dashboard)
        let body = try await env.test { client in
            try await client.execute(uri: "/v1/metrics", method: .get, headers: headers) { String(buffer: $0.body) }
        }
        let entries = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]] ?? []
        let ids = entries.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == ids.count)
        for required in [
            "activities-held", "attendances", "unique-residents", "household-coverage", "registrations", "check-ins", "no-show-rate",
            "volunteer-hours", "points-awarded", "active-volunteers", "star-distribution", "neighbour-head-coverage", "compounds-with-branch",
            "compounds-with-group-chat", "compounds-with-robot", "concerns-raised", "concerns-settled", "time-to-settle-p50",
            "time-to-settle-p90", "reopen-rate", "council-meetings-held", "notification-delivery-rate", "notification-failure-rate",
        ] {
            #expect(ids.contains(required), "\(required) is missing")
        }
        for entry in entries {
            for field in ["nameZh", "nameEn", "definition", "definitionZh", "unit"] {
                #expect(!((entry[field] as? String) ?? "").isEmpty, "\(entry["id"]!) has no \(field)")
            }
        }
    }

    @Test func theOpenAPIDocumentMatchesTheRoutes() async throws {
        let env = try await AnalyticsTestEnvironment.make()
        let (undocumented, unrouted) = try OpenAPIConformance.differences(router: env.router, document: try AnalyticsService.openAPIDocument())
        #expect(undocumented == [])
        #expect(unrouted == [])
    }
}
