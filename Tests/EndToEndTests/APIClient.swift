import Foundation
import LinliHTTPClient
import LinliTestSupport

/// A small JSON client for one service, as one caller (a bearer token), on the shared ``ServiceClient``
/// (a deadline on every request; a failure names the service, the request and its answer).
struct APIClient: Sendable {
    /// The service's client, with the caller's token.
    let client: ServiceClient

    /// The service's base URL.
    var baseURL: String { client.baseURL }

    /// An answer: status and the decoded JSON (an object, an array, or nil for an empty body).
    struct Answer: @unchecked Sendable {
        let status: Int
        let json: Any?
        let text: String

        /// The body as an object ([:] if it is not one).
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        /// `items` of a page, or the body itself when it is an array.
        var items: [[String: Any]] { (json as? [[String: Any]]) ?? (object["items"] as? [[String: Any]]) ?? [] }
    }

    /// Sends a request and returns whatever the service answered.
    func call(_ method: String, _ path: String, _ json: String? = nil, headers: [String: String] = [:]) async throws -> Answer {
        let response = try await client.call(method, path, body: json.map(RequestBody.json), headers: headers.map { ($0.key, $0.value) })
        return Answer(status: response.status, json: response.json(), text: response.text)
    }

    /// Sends a request that must succeed (2xx) and returns its JSON object. A 503 (the service's
    /// database session was cut, as in a restart; nothing was committed) is tried again, up to ten
    /// times, whatever the method: the fault tests cut sessions between requests, never during one.
    @discardableResult
    func send(_ method: String, _ path: String, _ json: String? = nil, headers: [String: String] = [:]) async throws -> Answer {
        var answer = try await call(method, path, json, headers: headers)
        for _ in 0..<10 where answer.status == 503 {
            try await Task.sleep(for: .milliseconds(500))
            answer = try await call(method, path, json, headers: headers)
        }
        guard (200..<300).contains(answer.status) else {
            throw TestSupportError("\(client.service): \(method) \(baseURL)\(path) answered \(answer.status): \(answer.text.prefix(500))")
        }
        return answer
    }

    /// POSTs and returns the `id` of what was created.
    func create(_ path: String, _ json: String) async throws -> Int {
        let answer = try await send("POST", path, json)
        guard let id = answer.object["id"] as? Int else { throw TestSupportError("POST \(path) returned no id: \(answer.text.prefix(300))") }
        return id
    }

    /// GETs a JSON object.
    func get(_ path: String) async throws -> [String: Any] { try await send("GET", path).object }
}
