import Foundation

/// Checks on request fields that collect every problem before answering 422. Usable in routes and
/// desks alike: ``check()`` throws the domain's ``Refusal``, which answers 422 naming every field.
public struct FieldChecks {
    public init() {}

    public private(set) var problems: [APIError.FieldError] = []

    /// Trims a text and checks its length.
    public mutating func text(_ value: String?, field: String, required: Bool = true, max: Int) -> String? {
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
    public mutating func choice(_ value: String?, field: String, in values: [String], required: Bool = true) {
        guard let value else {
            if required { problems.append(.init(field: field, message: "is required")) }
            return
        }
        if !values.contains(value) { problems.append(.init(field: field, message: "must be one of \(values.joined(separator: ", "))")) }
    }

    /// Records a problem.
    public mutating func fail(_ field: String, _ message: String) { problems.append(.init(field: field, message: message)) }

    /// Reads a word of a vocabulary (an enum over `String`); anything else is a problem listing the
    /// words, as ``choice(_:field:in:required:)`` words it.
    public mutating func vocabulary<Word: RawRepresentable & CaseIterable>(_ text: String, field: String) -> Word? where Word.RawValue == String {
        if let word = Word(rawValue: text) { return word }
        choice(text, field: field, in: Word.allCases.map(\.rawValue))
        return nil
    }

    /// Refuses with every problem (422, each field named), if there is any.
    public func check() throws(Refusal) {
        guard problems.isEmpty else { throw Refusal.invalid(problems) }
    }
}
