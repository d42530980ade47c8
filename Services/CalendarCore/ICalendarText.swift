import Foundation

/// RFC 5545 content-line text: escaping TEXT values (§3.3.11) and folding long lines (§3.1).
public enum ICalendarText {
    /// The longest a line may be, in octets, not counting its CRLF.
    public static let maximumLineOctets = 75

    /// A TEXT value escaped: `\` `;` `,` get a backslash, any line break becomes `\n`.
    ///
    /// Other control characters (except tab) are dropped, since RFC 5545 does not allow them in a value and
    /// some readers stop at them; residents' text pasted from chat apps does contain them.
    public static func escaped(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var afterCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { afterCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\\": result.append(contentsOf: #"\\"#.unicodeScalars)
            case ";": result.append(contentsOf: #"\;"#.unicodeScalars)
            case ",": result.append(contentsOf: #"\,"#.unicodeScalars)
            case "\r": result.append(contentsOf: #"\n"#.unicodeScalars)
            case "\n": if !afterCarriageReturn { result.append(contentsOf: #"\n"#.unicodeScalars) }
            case "\t": result.append(scalar)
            default: if scalar.value >= 0x20 && scalar.value != 0x7F { result.append(scalar) }
            }
        }
        return String(result)
    }

    /// A value with no escaping (a URI, a date list) and its control characters dropped, so it cannot break the line.
    static func sanitized(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
    }

    /// A parameter value, quoted when it holds `;`, `:` or `,` (RFC 5545 §3.2); double quotes cannot be written and are dropped.
    static func parameterValue(_ value: String) -> String {
        let plain = sanitized(value).replacingOccurrences(of: "\"", with: "")
        return plain.contains(where: { ";:,".contains($0) }) ? "\"\(plain)\"" : plain
    }

    /// A content line folded to at most 75 octets per line, joined by CRLF and a space, never inside a character.
    ///
    /// RFC 5545 counts octets, not characters: a line of Chinese (3 octets a character) folds after 25.
    /// The leading space of a continuation line counts towards its 75.
    public static func folded(_ line: String) -> String {
        var result = String.UnicodeScalarView()
        var octets = 0
        for scalar in line.unicodeScalars {
            let width = UTF8.width(scalar)
            if octets + width > maximumLineOctets {
                result.append(contentsOf: "\r\n ".unicodeScalars)
                octets = 1
            }
            result.append(scalar)
            octets += width
        }
        return String(result)
    }
}
