import Foundation

/// A service's complete answer: its status, headers and body.
public struct ServiceResponse: Sendable {
    /// The HTTP status code.
    public let status: Int
    /// The header fields, in order.
    public let headers: [(name: String, value: String)]
    /// The body's bytes.
    public let body: [UInt8]

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as `Data`.
    public var data: Data { Data(body) }

    /// The body parsed as JSON (an object, an array, …), or nil when it is empty or not JSON.
    public func json() -> Any? {
        guard !body.isEmpty else { return nil }
        return try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    /// The first value of a header field (case-insensitive), if present.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
