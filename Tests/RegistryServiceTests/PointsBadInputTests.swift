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
