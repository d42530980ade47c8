import Foundation
import Hummingbird
import NIOCore

/// A posted HTML form (`application/x-www-form-urlencoded`), read by the pages' routes and by the
/// CSRF check. Pages are plain forms so that they work without JavaScript (and in WeChat's browser).
public struct WebForm: Sendable {
    /// The fields, first value of each name.
    public let fields: [String: String]

    /// Parses `a=1&b=x+y` (`+` is a space; percent escapes decoded).
    public init(encoded text: String) {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            guard !name.isEmpty, fields[name] == nil else { continue }
            fields[name] = parts.count > 1 ? Self.decode(parts[1]) : ""
        }
        self.fields = fields
    }

    /// The form of a request (an empty one when the body is not a urlencoded form).
    public static func read(_ request: inout Request, context: some RequestContext) async throws -> WebForm {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else {
            return WebForm(encoded: "")
        }
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return WebForm(encoded: String(buffer: buffer))
    }

    /// The field's value, trimmed; `nil` when missing or blank.
    public subscript(_ name: String) -> String? {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
