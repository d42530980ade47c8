import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A small JSON client for driving the services' own APIs (demo data, smoke checks).
struct APIClient: Sendable {
    let baseURL: String
    let token: String

    /// A request that did not answer 2xx (status 0: no answer at all).
    struct Failure: Error, CustomStringConvertible {
        var status = 0
        let description: String
    }

    /// The same client acting with another bearer token.
    func with(token: String) -> APIClient { APIClient(baseURL: baseURL, token: token) }

    /// Sends a request and decodes the JSON answer as a dictionary (or array, wrapped under "items").
    @discardableResult
    func send(_ method: String, _ path: String, json: String? = nil, contentType: String = "application/json") async throws -> [String: Any] {
        guard let url = URL(string: baseURL + path) else { throw Failure(description: "not a URL: \(baseURL + path)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = 120
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw Failure(status: status, description: "\(method) \(path) answered \(status): \(String(decoding: data.prefix(400), as: UTF8.self))")
        }
        guard !data.isEmpty else { return [:] }
        let object = try JSONSerialization.jsonObject(with: data)
        if let dictionary = object as? [String: Any] { return dictionary }
        return ["items": object]
    }

    /// The `id` of what a POST created.
    func create(_ path: String, _ json: String) async throws -> Int {
        guard let id = try await send("POST", path, json: json)["id"] as? Int else { throw Failure(description: "\(path) returned no id") }
        return id
    }

    /// The items of a list answer.
    func items(_ path: String) async throws -> [[String: Any]] {
        try await send("GET", path)["items"] as? [[String: Any]] ?? []
    }

    /// Sends a request again while it answers 404 or 422 — what a service answers while its projection
    /// has not yet seen the registry's events — for up to `deadline` seconds, then fails with the last answer.
    @discardableResult
    func eventually(
        _ method: String,
        _ path: String,
        json: String? = nil,
        deadline: TimeInterval = 90
    ) async throws -> [String: Any] {
        let end = Date().addingTimeInterval(deadline)
        while true {
            do {
                return try await send(method, path, json: json)
            } catch let failure as Failure where [404, 422].contains(failure.status) && Date() < end {
                try await Task.sleep(for: .milliseconds(500))
            } catch let failure as Failure where [404, 422].contains(failure.status) {
                throw Failure(status: failure.status, description: "waited \(Int(deadline)) s for the projection: \(failure.description)")
            }
        }
    }
}
