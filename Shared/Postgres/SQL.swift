import Foundation

/// A SQL statement with its parameters, built by string interpolation.
///
/// Every interpolated value becomes a `$n` parameter, so data can never change the statement:
///
/// ```swift
/// let rows = try await pool.query("SELECT id, name FROM registry.residents WHERE compound_id = \(compoundID)")
/// ```
///
/// Only identifiers may be spliced into the text, and only through a label that says so:
/// `\(identifier: name)` quotes a name; `\(unescaped: text)` pastes trusted text and must never see input.
public struct SQL: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The statement text with `$1`, `$2`, … placeholders.
    public private(set) var text: String
    /// The values bound to the placeholders.
    public private(set) var bindings: PostgresBindings

    /// A statement with no parameters.
    public init(stringLiteral value: String) {
        self.text = value
        self.bindings = PostgresBindings()
    }

    /// A statement from trusted text; the label warns that nothing in `text` is escaped.
    public init(unsafeSQL text: String, bindings: PostgresBindings = PostgresBindings()) {
        self.text = text
        self.bindings = bindings
    }

    public init(stringInterpolation: StringInterpolation) {
        self.text = stringInterpolation.text
        self.bindings = stringInterpolation.bindings
    }

    /// The statement text only; parameters are never printed, so logging a statement leaks no data.
    public var description: String { text }

    /// Appends another fragment, renumbering its placeholders.
    public mutating func append(_ other: SQL) {
        var interpolation = StringInterpolation(literalCapacity: 0, interpolationCount: 0)
        interpolation.text = text
        interpolation.bindings = bindings
        interpolation.appendInterpolation(other)
        self.text = interpolation.text
        self.bindings = interpolation.bindings
    }

    /// Joins fragments with a separator, e.g. the rows of a multi-row `VALUES`.
    public static func joined(_ parts: some Sequence<SQL>, separator: String) -> SQL {
        var result = SQL(stringLiteral: "")
        for (index, part) in parts.enumerated() {
            if index > 0 { result.text += separator }
            result.append(part)
        }
        return result
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var text = ""
        var bindings = PostgresBindings()

        public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 3)
        }

        public mutating func appendLiteral(_ literal: String) { text += literal }

        /// Binds a value as the next parameter.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value) {
            bindings.append(value)
            text += "$\(bindings.count)"
        }

        /// Binds an optional value; `nil` is SQL NULL.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            bindings.append(value)
            text += "$\(bindings.count)"
        }

        /// Binds any `Encodable` value as `jsonb`. If it cannot be encoded, the statement fails before it is sent.
        public mutating func appendInterpolation<Value: Encodable>(json value: Value) {
            if let encoded = try? PostgresJSONB(encoding: value) {
                bindings.append(encoded)
            } else {
                bindings.appendUnencodable(.jsonb)
            }
            text += "$\(bindings.count)"
        }

        /// Quotes a name (schema, table, column, channel) as an SQL identifier.
        public mutating func appendInterpolation(identifier: String) {
            text += "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }

        /// Pastes trusted text into the statement. Never pass anything that came from input.
        public mutating func appendInterpolation(unescaped fragment: String) { text += fragment }

        /// Embeds another fragment, renumbering its placeholders after the ones already here.
        public mutating func appendInterpolation(_ fragment: SQL) {
            let shift = bindings.count
            text += shift == 0 ? fragment.text : renumberPlaceholders(in: fragment.text, by: shift)
            bindings.append(contentsOf: fragment.bindings)
        }
    }
}

/// Adds `shift` to every `$n` placeholder outside quotes, comments and dollar-quoted strings.
func renumberPlaceholders(in text: String, by shift: Int) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count + 8)
    let scalars = Array(text.unicodeScalars)
    var index = 0
    var quote: Unicode.Scalar?
    while index < scalars.count {
        let scalar = scalars[index]
        if let open = quote {
            result.unicodeScalars.append(scalar)
            if scalar == open { quote = nil }
            index += 1
            continue
        }
        if scalar == "'" || scalar == "\"" {
            quote = scalar
            result.unicodeScalars.append(scalar)
            index += 1
            continue
        }
        if scalar == "$", index + 1 < scalars.count, ("0"..."9").contains(scalars[index + 1]) {
            var end = index + 1
            var number = 0
            while end < scalars.count, ("0"..."9").contains(scalars[end]) {
                number = number * 10 + Int(scalars[end].value - 48)
                end += 1
            }
            result += "$\(number + shift)"
            index = end
            continue
        }
        result.unicodeScalars.append(scalar)
        index += 1
    }
    return result
}

extension SQL {
    /// The statement's first words, whitespace folded, at most 120 characters: which statement failed, for a log.
    var summary: String {
        let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return words.count <= 120 ? words : String(words.prefix(117)) + "..."
    }
}
