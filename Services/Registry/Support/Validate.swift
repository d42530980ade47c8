import Foundation
import ServiceKit

/// Field checks that answer 422 naming the field.
enum Validate {
    /// Trimmed text of 1…`max` characters.
    static func text(_ value: String, field: String, max: Int) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= max else { throw APIError.invalid(field, "must be 1–\(max) characters") }
        return trimmed
    }

    /// Optional text: `nil` stays `nil`; otherwise as ``text(_:field:max:)``.
    static func optionalText(_ value: String?, field: String, max: Int) throws -> String? {
        try value.map { try text($0, field: field, max: max) }
    }

    /// One of the allowed values.
    static func oneOf(_ value: String, _ allowed: [String], field: String) throws -> String {
        guard allowed.contains(value) else { throw APIError.invalid(field, "must be one of \(allowed.joined(separator: ", "))") }
        return value
    }
}
