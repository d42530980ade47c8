import Foundation
import LinliTestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A small JSON client for one service, as one caller (a bearer token).
struct APIClient: Sendable {
    /// The service's base URL.
    let baseURL: String
    /// The caller's token.
    let token: String

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
        var request = URLRequest(url: URL(string: baseURL + path)!)
        request.httpMethod = method
        request.timeoutInterval = 30
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return Answer(status: status, json: try? JSONSerialization.jsonObject(with: data), text: String(decoding: data, as: UTF8.self))
    }

    /// Sends a request that must succeed (2xx) and returns its JSON object. A 503 (the service's
    /// database session was cut, as in a restart; nothing was committed) is tried again, up to ten times.
    @discardableResult
    func send(_ method: String, _ path: String, _ json: String? = nil, headers: [String: String] = [:]) async throws -> Answer {
        var answer = try await call(method, path, json, headers: headers)
        for _ in 0..<10 where answer.status == 503 {
            try await Task.sleep(for: .milliseconds(500))
            answer = try await call(method, path, json, headers: headers)
        }
        guard (200..<300).contains(answer.status) else {
            throw TestSupportError("\(method) \(baseURL)\(path) answered \(answer.status): \(answer.text.prefix(500))")
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
