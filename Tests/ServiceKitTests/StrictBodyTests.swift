import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import ServiceKit
import ServiceTestSupport
import Testing

/// One rule for every service's JSON bodies: JSON only (415 otherwise), no field the route does not
/// know (422 naming it, at any depth), and no day that does not exist (422).
@Suite("Strict bodies: media type, unknown fields, impossible days")
struct StrictBodyTests {
    struct Member: Decodable {
        var name: String
        var phone: String?
    }
    struct Household: Decodable {
        var dwelling: String
        var members: [Member]
        var movedInOn: Date?
        var tags: [String: String]?
    }

    func makeApp() async throws -> some ApplicationProtocol {
        let environment = try await ServiceTestEnvironment.make(service: "kit", migrations: [], openAPI: "openapi: 3.1.0\n")
        let router = environment.runtime.makeRouter()
        router.post("/v1/households") { request, context -> String in
            let household = try await request.decodeBody(Household.self, context: context)
            return "\(household.dwelling): \(household.members.count)"
        }
        return environment.runtime.makeApplication(router: router)
    }

    func post(
        _ client: some TestClientProtocol,
        _ json: String,
        contentType: String? = "application/json"
    ) async throws -> (
        HTTPResponse.Status, [String]
    ) {
        var headers = HTTPFields()
        if let contentType { headers[.contentType] = contentType }
        return try await client.execute(uri: "/v1/households", method: .post, headers: headers, body: ByteBuffer(string: json)) { response in
            (response.status, (try? response.problem())?.errors?.map(\.field) ?? [])
        }
    }

    @Test func onlyJSONIsAccepted() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let body = #"{"dwelling":"1-101","members":[]}"#
            let r1 = try await post(client, body)
            #expect(r1.0 == .ok)
            let r2 = try await post(client, body, contentType: "application/json; charset=utf-8")
            #expect(r2.0 == .ok)
            let r3 = try await post(client, body, contentType: "application/merge-patch+json")
            #expect(r3.0 == .ok)
            let r4 = try await post(client, body, contentType: nil)
            #expect(r4.0 == .ok)
            let r5 = try await post(client, body, contentType: "text/plain")
            #expect(r5.0 == .unsupportedMediaType)
            let r6 = try await post(client, body, contentType: "application/x-www-form-urlencoded")
            #expect(r6.0 == .unsupportedMediaType)
        }
    }

    @Test func unknownFieldsAreNamedAtAnyDepth() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let top = try await post(client, #"{"dwelling":"1-101","members":[],"timeZone":"Asia/Shanghai"}"#)
            #expect(top.0 == .unprocessableContent)
            #expect(top.1 == ["timeZone"])
            let nested = try await post(client, #"{"dwelling":"1-101","members":[{"name":"王芳"},{"name":"李雷","nickname":"雷"}]}"#)
            #expect(nested.1 == ["members[1].nickname"])
            // Optional fields are known whether sent or not; a dictionary's keys are the client's own.
            let known = try await post(client, #"{"dwelling":"1-101","members":[{"name":"王芳","phone":null}],"tags":{"楼长":"是"}}"#)
            #expect(known.0 == .ok)
        }
    }

    @Test func daysThatDoNotExistAreRefused() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let r7 = try await post(client, #"{"dwelling":"1","members":[],"movedInOn":"2024-02-29T08:00:00Z"}"#)
            #expect(r7.0 == .ok)
            let refused = try await post(client, #"{"dwelling":"1","members":[],"movedInOn":"2026-02-30T08:00:00Z"}"#)
            #expect(refused.0 == .unprocessableContent)
            #expect(refused.1 == ["movedInOn"])
        }
        #expect(DateParameter.day("2026-02-28") != nil)
        #expect(DateParameter.day("2026-02-29") == nil)
        #expect(DateParameter.day("2000-02-29") != nil)
        #expect(DateParameter.day("1900-02-29") == nil)
        #expect(DateParameter.day("2026-04-31") == nil)
        #expect(DateParameter.day("2026-13-01") == nil)
        #expect(DateParameter.instant("2026-02-30T09:00:00Z") == nil)
        #expect(DateParameter.instant("2026-03-01T09:00:00.250Z") != nil)
    }
}
