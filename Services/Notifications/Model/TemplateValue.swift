/// A value a message template can show: text, a flag, a list or a nested object.
///
/// Message contexts are stored as JSON with the message, so a digest or a preview can render them again.
public indirect enum TemplateValue: Codable, Sendable, Equatable, ExpressibleByStringLiteral {
    case text(String)
    case flag(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])

    public init(stringLiteral value: String) { self = .text(value) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let flag = try? container.decode(Bool.self) {
            self = .flag(flag)
        } else if let number = try? container.decode(Double.self) {
            // A whole number too large for Int (3.4e38) is shown as Swift writes the Double, not trapped on.
            self = .text(Int(exactly: number).map(String.init) ?? String(number))
        } else if let list = try? container.decode([TemplateValue].self) {
            self = .list(list)
        } else {
            self = .object(try container.decode([String: TemplateValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .flag(let flag): try container.encode(flag)
        case .list(let list): try container.encode(list)
        case .object(let object): try container.encode(object)
        }
    }

    /// The value as Mustache reads it: strings, booleans, arrays and dictionaries.
    var mustacheValue: Any {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag
        case .list(let list): list.map(\.mustacheValue)
        case .object(let object): object.mapValues(\.mustacheValue)
        }
    }

    /// The text, if this is text.
    var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}

/// The values one message's templates are rendered with.
public typealias TemplateContext = [String: TemplateValue]

extension TemplateValue {
    /// Text, or nothing for `nil` (a Mustache section over a missing key renders nothing).
    static func optional(_ text: String?) -> TemplateValue? { text.map(TemplateValue.text) }

    /// A list of texts.
    static func texts(_ items: [String]) -> TemplateValue { .list(items.map(TemplateValue.text)) }
}
