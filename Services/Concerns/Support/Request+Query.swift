import Foundation
import Hummingbird
import ServiceKit

extension Request {
    /// A whole-number query parameter, or 422 naming it.
    func integerParameter(_ name: String) throws -> Int? {
        guard let text = uri.queryParameters[name[...]] else { return nil }
        guard let value = Int(text) else { throw APIError.invalid(name, "must be a whole number") }
        return value
    }

    /// A text query parameter, trimmed; empty counts as absent.
    func textParameter(_ name: String, maxLength: Int = 200) throws -> String? {
        guard let text = uri.queryParameters[name[...]].map({ String($0).trimmingCharacters(in: .whitespacesAndNewlines) }), !text.isEmpty
        else { return nil }
        guard text.count <= maxLength else { throw APIError.invalid(name, "must be at most \(maxLength) characters") }
        return text
    }

    /// A query parameter that must be one of some values, or 422 listing them.
    func choiceParameter(_ name: String, in values: [String]) throws -> String? {
        guard let text = try textParameter(name) else { return nil }
        guard values.contains(text) else { throw APIError.invalid(name, "must be one of \(values.joined(separator: ", "))") }
        return text
    }

    /// A boolean query parameter (`true` or `false`).
    func booleanParameter(_ name: String) throws -> Bool {
        guard let text = uri.queryParameters[name[...]] else { return false }
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default: throw APIError.invalid(name, "must be true or false")
        }
    }
}

/// Checks on request fields that collect every problem before answering 422.
struct FieldChecks {
    private(set) var problems: [APIError.FieldError] = []

    /// Trims a text and checks its length.
    mutating func text(_ value: String?, field: String, required: Bool = true, max: Int) -> String? {
        let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if trimmed.isEmpty {
            if required { problems.append(.init(field: field, message: "is required")) }
            return nil
        }
        if trimmed.count > max {
            problems.append(.init(field: field, message: "must be at most \(max) characters"))
            return nil
        }
        return trimmed
    }

    /// Checks that a value is one of a list.
    mutating func choice(_ value: String?, field: String, in values: [String], required: Bool = true) {
        guard let value else {
            if required { problems.append(.init(field: field, message: "is required")) }
            return
        }
        if !values.contains(value) { problems.append(.init(field: field, message: "must be one of \(values.joined(separator: ", "))")) }
    }

    /// Records a problem.
    mutating func fail(_ field: String, _ message: String) { problems.append(.init(field: field, message: message)) }

    /// Throws 422 with every problem, if any.
    func check() throws {
        guard problems.isEmpty else { throw APIError.validation(problems) }
    }
}
