import Foundation
import Hummingbird
import HummingbirdTesting
import Postgres
import RegistryService
import ServiceKit
import ServiceTestSupport
import Testing

/// Every write route, as every role, on an object inside and outside the caller's scope.
@Suite("Authorisation matrix of the registry's write routes")
struct AuthorisationMatrixTests {
    /// A write route aimed at compound B's objects; `{…}` placeholders are filled from the fixture.
    struct Route: Sendable, CustomStringConvertible {
        let method: HTTPRequest.Method
        let path: String
        let body: String
        var description: String { "\(method) \(path)" }
    }

    static let routes: [Route] = [
        Route(method: .post, path: "/v1/compounds/{compound}/buildings", body: #"{"name":"{unique}"}"#),
        Route(method: .post, path: "/v1/households", body: #"{"compoundID":{compound},"dwelling":"{unique}"}"#),
        Route(method: .post, path: "/v1/residents", body: #"{"householdID":{household},"name":"测试{unique}"}"#),
        Route(method: .patch, path: "/v1/residents/{resident}", body: #"{"name":"改名{unique}"}"#),
        Route(method: .put, path: "/v1/compounds/{compound}/party-branch", body: #"{"name":"支部{unique}"}"#),
        Route(method: .post, path: "/v1/compounds/{compound}/organisations", body: #"{"kind":"social-organisation","name":"{unique}"}"#),
        Route(method: .post, path: "/v1/compounds/{compound}/volunteer-teams", body: #"{"name":"{unique}"}"#),
        Route(method: .put, path: "/v1/compounds/{compound}/group-chat", body: #"{"name":"群{unique}"}"#),
        Route(method: .post, path: "/v1/compounds/{compound}/head-units", body: #"{"level":"area","name":"{unique}"}"#),
        Route(
            method: .post,
            path: "/v1/points/entries",
            body: #"{"residentID":{resident},"delta":1,"reason":"r","sourceRef":"s","idempotencyKey":"{unique}"}"#
        ),
        Route(method: .post, path: "/v1/compounds/{compound}/imports", body: "姓名,房号\n测试{unique},9-9\n"),
    ]

    @Test(arguments: routes)
    func scopeAndRoleDecide(_ route: Route) async throws {
        let env = try await RegistryTestEnvironment.make("matrix")
        let city = try await CityFixture.make(on: env.pool)
        let resident = try await env.resident("住户乙", household: city.householdB1)
        let inside: [Principal] = [
            RegistryTestEnvironment.admin, Principal(subject: "d", role: .district, areaIDs: [city.districtB]),
            Principal(subject: "s", role: .secretary, compoundIDs: [city.compoundB]),
        ]
        let outside: [Principal] = [
            Principal(subject: "d2", role: .district, areaIDs: [city.districtA]),
            Principal(subject: "s2", role: .secretary, compoundIDs: [city.compoundA]),
            Principal(subject: "h2", role: .head, householdIDs: [city.householdA1]),
            Principal(subject: "r2", role: .resident, householdIDs: [city.householdA1], residentID: resident + 1_000),
            Principal(subject: "g", role: .dashboard),
        ]
        @Sendable func fill(_ text: String) -> String {
            text.replacingOccurrences(of: "{compound}", with: String(city.compoundB))
                .replacingOccurrences(of: "{household}", with: String(city.householdB1)).replacingOccurrences(
                    of: "{resident}",
                    with: String(resident)
                )
                .replacingOccurrences(of: "{unique}", with: String(UUID().uuidString.prefix(8)))
        }
        try await env.test { client in
            for principal in outside {
                let response = try await env.send(client, route.method, fill(route.path), as: principal, json: fill(route.body))
                #expect([404, 403].contains(response.status.code), "\(route) as \(principal.role) outside: \(response.status)")
            }
            for principal in inside {
                let response = try await env.send(client, route.method, fill(route.path), as: principal, json: fill(route.body))
                #expect(
                    (200..<300).contains(response.status.code),
                    "\(route) as \(principal.role) inside: \(response.status) \(String(buffer: response.body))"
                )
            }
            let anonymous = try await client.execute(uri: fill(route.path), method: route.method, body: ByteBuffer(string: fill(route.body))) { $0 }
            #expect(anonymous.status == .unauthorized)
        }
    }
}
