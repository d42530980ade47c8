import Foundation
import LinliHTTPClient

/// A small JSON client for driving one service's own API (demo data), on the shared ``ServiceClient``:
/// every request has a deadline, and a failure names the service, the request and its answer.
struct APIClient: Sendable {
    let client: ServiceClient

    /// An answer that was not what the seed expected (no id, no code); names the request.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The same client acting with another bearer token.
    func with(token: String) -> APIClient { APIClient(client: client.bearer(token)) }

    /// Sends a request that must answer 2xx and decodes the JSON answer as a dictionary (or array, wrapped under "items").
    @discardableResult
    func send(_ method: String, _ path: String, json: String? = nil, contentType: String = "application/json") async throws -> [String: Any] {
        let response = try await client.send(method, path, body: json.map { RequestBody($0, contentType: contentType) })
        guard !response.body.isEmpty else { return [:] }
        guard let object = response.json() else {
            throw failure(method, path, "answered \(response.status) with a body that is not JSON: \(response.text.prefix(200))")
        }
        if let dictionary = object as? [String: Any] { return dictionary }
        return ["items": object]
    }

    /// The `id` of what a POST created.
    func create(_ path: String, _ json: String) async throws -> Int {
        guard let id = try await send("POST", path, json: json)["id"] as? Int else { throw failure("POST", path, "answered without an id") }
        return id
    }

    /// The items of a list answer.
    func items(_ path: String) async throws -> [[String: Any]] {
        try await send("GET", path)["items"] as? [[String: Any]] ?? []
    }

    /// Sends a request again while it answers 404 or 422 — what a service answers while its projection
    /// has not yet seen the registry's events — for up to `deadline` seconds, then fails with the last answer.
    /// A 404 or 422 changes nothing, so sending the request again is safe.
    @discardableResult
    func eventually(
        _ method: String,
        _ path: String,
        json: String? = nil,
        deadline: TimeInterval = 60
    ) async throws -> [String: Any] {
        let end = ContinuousClock.now + .seconds(deadline)
        while true {
            do {
                return try await send(method, path, json: json)
            } catch let error as HTTPRequestError where [404, 422].contains(error.status ?? 0) {
                guard ContinuousClock.now < end else { throw Failure(description: "waited \(Int(deadline)) s for the projection: \(error)") }
                try await Task.sleep(for: .milliseconds(250))
            }
        }
    }

    /// A failure of a request that was answered, but not as the seed expects.
    func failure(_ method: String, _ path: String, _ what: String) -> Failure {
        Failure(description: "\(client.service) (\(client.baseURL)): \(method) \(path) \(what)")
    }
}
