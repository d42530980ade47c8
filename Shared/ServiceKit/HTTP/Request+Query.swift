import Foundation
import Hummingbird

/// Query parameters, read one way in every service: each bad value is a 422 naming the parameter.
extension Request {
    /// A whole-number query parameter, or 422 naming it.
    public func integerParameter(_ name: String) throws -> Int? {
        guard let text = uri.queryParameters[name[...]] else { return nil }
        guard let value = Int(text) else { throw APIError.invalid(name, "must be a whole number") }
        return value
    }

    /// A text query parameter, trimmed; empty counts as absent.
    public func textParameter(_ name: String, maxLength: Int = 200) throws -> String? {
        guard let text = uri.queryParameters[name[...]].map({ String($0).trimmingCharacters(in: .whitespacesAndNewlines) }), !text.isEmpty
        else { return nil }
        guard text.count <= maxLength else { throw APIError.invalid(name, "must be at most \(maxLength) characters") }
        return text
    }

    /// A query parameter that must be one of some values, or 422 listing them.
    public func choiceParameter(_ name: String, in values: [String]) throws -> String? {
        guard let text = try textParameter(name) else { return nil }
        guard values.contains(text) else { throw APIError.invalid(name, "must be one of \(values.joined(separator: ", "))") }
        return text
    }

    /// A boolean query parameter (`true` or `false`).
    public func booleanParameter(_ name: String) throws -> Bool {
        guard let text = uri.queryParameters[name[...]] else { return false }
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default: throw APIError.invalid(name, "must be true or false")
        }
    }

    /// A day (`YYYY-MM-DD`) that exists, or 422 naming the parameter.
    public func dayParameter(_ name: String) throws -> (year: Int, month: Int, day: Int)? {
        guard let text = uri.queryParameters[name[...]] else { return nil }
        guard let day = DateParameter.day(text) else { throw APIError.invalid(name, "must be a day that exists, as YYYY-MM-DD") }
        return day
    }

    /// An ISO 8601 instant on a day that exists, or 422 naming the parameter.
    public func instantParameter(_ name: String) throws -> Date? {
        guard let text = uri.queryParameters[name[...]] else { return nil }
        guard let instant = DateParameter.instant(String(text)) else { throw APIError.invalid(name, "must be an ISO 8601 time on a day that exists") }
        return instant
    }
}
