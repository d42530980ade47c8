import Foundation
import Hummingbird
import HummingbirdTesting
import RegistryService
import ServiceKit
import ServiceTestSupport
import Testing

/// Bad input that schemathesis (`scripts/fuzz-api`) found answered with a crash or a 500 by the points routes.
@Suite("The points routes refuse bad input with a problem, never a crash")
struct PointsBadInputTests {
    @Test func starRulesBeyondThirtyTwoBitsAreRefusedAndTheServiceKeepsAnswering() async throws {
        let env = try await RegistryTestEnvironment.make()
        let admin = RegistryTestEnvironment.admin
        try await env.test { client in
            // 282,904,931,604 used to trap converting to Int32, taking the whole process down.
            let answer = try await env.send(client, .put, "/v1/points/star-rules", as: admin, json: #"{"thresholds":[20,282904931604]}"#)
            #expect(answer.status == .unprocessableContent)
            #expect(answer.headers[.contentType] == "application/problem+json")
            #expect(try await env.send(client, .put, "/v1/points/star-rules", as: admin, json: #"{"thresholds":[20,2147483647]}"#).status == .ok)
        }
    }
}

extension PointsBadInputTests {
    struct AwardedBody: Decodable { let event: Event }
    struct Event: Decodable { let entryID: Int }

    @Test func aReasonWithANulCharacterIsAProblemNotAServerError() async throws {
        let env = try await RegistryTestEnvironment.make()
        let city = try await CityFixture.make(on: env.pool)
        let resident = try await env.resident("志愿者小王", household: city.householdA1)
        let secretary = Principal(subject: "staff:a", role: .secretary, compoundIDs: [city.compoundA])
        try await env.test { client in
            let award = #"{"residentID":\#(resident),"delta":5,"reason":"attendance","sourceRef":"x","idempotencyKey":"nul"}"#
            let entry = try await env.send(client, .post, "/v1/points/entries", as: secretary, json: award).decode(AwardedBody.self).event.entryID
            // PostgreSQL cannot store U+0000 in text: this was a 500.
            let answer = try await env.send(
                client,
                .post,
                "/v1/points/entries/\(entry)/reverse",
                as: secretary,
                json: #"{"reason":"bad\u0000input"}"#
            )
            #expect(answer.status == .unprocessableContent)
            #expect(answer.headers[.contentType] == "application/problem+json")
            #expect(
                try await env.send(client, .post, "/v1/points/entries/\(entry)/reverse", as: secretary, json: #"{"reason":"entered twice"}"#).status
                    == .created
            )
        }
    }
}
