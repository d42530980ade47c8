import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A small JSON client for driving the services' own APIs (demo data, smoke checks).
struct APIClient: Sendable {
    let baseURL: String
    let token: String

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends a request and decodes the JSON answer as a dictionary (or array, wrapped under "items").
    @discardableResult
    func send(_ method: String, _ path: String, json: String? = nil, contentType: String = "application/json") async throws -> [String: Any] {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw Failure(description: "\(method) \(path) answered \(status): \(String(decoding: data.prefix(400), as: UTF8.self))")
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
}
