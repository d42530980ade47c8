import Foundation
import Hummingbird
import ServiceKit
import Testing

@testable import CalendarService

/// schemathesis (`scripts/fuzz-api`) sent U+0000 in a query parameter and in a body: both were 500s.
@Suite("Text with U+0000 is refused with a problem")
struct NulCharacterTests {
    @Test func aNulInTheThemesMonthFilterIsAProblem() async throws {
        let env = try await CalendarTestEnvironment.make()
        let reply = try await env.send(.get, "/v1/themes?month=2026-%00", as: City.admin)
        #expect(reply.status == .unprocessableContent)
        #expect(reply.headers[.contentType] == "application/problem+json")
    }

    @Test func aNulInAnActivityTitleIsAProblem() async throws {
        let env = try await CalendarTestEnvironment.make()
        let reply = try await env.send(.post, "/v1/activities", #"{"compoundID":\#(City.fenglin),"title":"端午\u0000包粽子"}"#, as: City.admin)
        #expect(reply.status == .unprocessableContent)
        #expect(reply.headers[.contentType] == "application/problem+json")
    }
}
