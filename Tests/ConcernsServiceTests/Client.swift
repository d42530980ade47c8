import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinliTestSupport
import Models
import ServiceKit
import ServiceTestSupport

extension ConcernsTestEnvironment {
    /// Sends a request as a principal (or anonymously) and returns the response.
    func call(
        _ client: some TestClientProtocol,
        _ method: HTTPRequest.Method,
        _ uri: String,
        as principal: Principal?,
        json: String? = nil
    ) async throws -> TestResponse {
        var headers = HTTPFields()
        if let principal { headers = try await self.headers(principal) }
        return try await client.executeRequest(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// Sends a request that must answer `status`, and decodes its body.
    func expect<T: Decodable>(
        _ client: some TestClientProtocol,
        _ method: HTTPRequest.Method,
        _ uri: String,
        as principal: Principal?,
        json: String? = nil,
        status: HTTPResponse.Status = .ok,
        decoding type: T.Type = T.self
    ) async throws -> T {
        let response = try await call(client, method, uri, as: principal, json: json)
        guard response.status == status else {
            throw TestSupportError("\(method) \(uri): expected \(status.code), got \(response.status.code) \(String(buffer: response.body))")
        }
        return try response.body(T.self)
    }

    /// Raises a concern and returns its id.
    func raise(
        _ client: some TestClientProtocol,
        as principal: Principal,
        title: String = "地下车库积水",
        category: String = "water-leak",
        extra: String = ""
    ) async throws -> Int {
        let body = #"{"category":"\#(category)","source":"group-chat","title":"\#(title)"\#(extra)}"#
        let raised = try await expect(client, .post, "/v1/concerns", as: principal, json: body, status: .created, decoding: RaisedBody.self)
        return raised.concern.id
    }

    /// Takes an action on a concern, which must succeed.
    @discardableResult
    func act(
        _ client: some TestClientProtocol,
        _ id: Int,
        _ action: String,
        as principal: Principal,
        extra: String = ""
    ) async throws -> ConcernBody {
        try await expect(
            client,
            .post,
            "/v1/concerns/\(id)/transitions",
            as: principal,
            json: #"{"action":"\#(action)"\#(extra)}"#,
            decoding: ConcernBody.self
        )
    }
}

extension TestResponse {
    /// Decodes the body with Linli's JSON conventions (fractional-second dates).
    func body<T: Decodable>(_ type: T.Type) throws -> T {
        try LinliJSON.makeDecoder().decode(T.self, from: Data(body.readableBytesView))
    }
}

// What the tests read from the API, declared here independently of the service's own types.

struct ConcernBody: Decodable {
    struct Update: Decodable {
        let action: String
        let state: String?
        let `public`: Bool
        let note: String?
        let author: String?
    }
    struct Reporter: Decodable {
        let residentID: Int
        let name: String?
        let phone: String?
    }
    let id: Int
    let compoundID: Int
    let state: String
    let title: String
    let ownerParty: String?
    let expectedBy: Date
    let raisedAt: Date
    let meTooCount: Int
    let revision: Int
    let access: String
    let updates: [Update]
    let description: String?
    let householdID: Int?
    let reporter: Reporter?
    let reopenableUntil: Date?
    let escalations: Int?
}

struct RaisedBody: Decodable {
    struct Duplicate: Decodable {
        let id: Int
        let similarity: Double
    }
    let concern: ConcernBody
    let possibleDuplicates: [Duplicate]
}

struct ListBody: Decodable {
    struct Item: Decodable {
        let id: Int
        let compoundID: Int
        let title: String
        let state: String
    }
    let items: [Item]
    let next: String?
}
