/// Text prepared for trigram comparison (`pg_trgm`).
///
/// pg_trgm splits text into words and compares the sets of three-character spans of each word.
/// With the C.UTF-8 locale it does treat Chinese characters as word characters, but a Chinese
/// sentence is one long "word" and a three-character span straddles one and a half words, so
/// related titles share few trigrams (`地下车库积水` and `车库漏水` share none). Spelling every run
/// of Chinese characters as its overlapping pairs (`地库积水` → `地库 库积 积水`) makes each pair a
/// word of its own, whose trigrams (`␣␣地`, `␣地库`, `地库␣`) stand for that pair: similarity then
/// counts shared two-character words, which is what Chinese text needs. Other words are kept
/// lowercased; punctuation separates words.
public enum SearchTerms {
    /// The comparable form of a text.
    public static func of(_ text: String) -> String {
        var words: [String] = []
        var han: [Character] = []
        var other = ""
        func flushHan() {
            if han.count == 1 {
                words.append(String(han[0]))
            } else if han.count > 1 {
                for index in 0..<(han.count - 1) { words.append(String([han[index], han[index + 1]])) }
            }
            han.removeAll(keepingCapacity: true)
        }
        func flushOther() {
            if !other.isEmpty { words.append(other.lowercased()) }
            other = ""
        }
        for character in text {
            if isHan(character) {
                flushOther()
                han.append(character)
            } else if character.isLetter || character.isNumber {
                flushHan()
                other.append(character)
            } else {
                flushHan()
                flushOther()
            }
        }
        flushHan()
        flushOther()
        return words.joined(separator: " ")
    }

    /// A full-text query (`to_tsquery('simple', …)`) matching texts that contain every word of
    /// `text` in ``of(_:)`` form: each two-character word of a Chinese run, each other word as a
    /// prefix, and a lone Chinese character as the first character of a word; `nil` without words.
    /// The result has only letters, digits, `&` and `:*`, so it cannot inject query syntax.
    public static func query(_ text: String) -> String? {
        let words = of(text).split(separator: " ").map { word in
            word.count == 1 && isHan(word.first!) || !isHan(word.first!) ? word + ":*" : String(word)
        }
        return words.isEmpty ? nil : words.joined(separator: " & ")
    }

    /// Whether a character is a CJK ideograph (the unified blocks and their extensions).
    static func isHan(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2EBEF, 0x30000...0x3134F: return true
        default: return false
        }
    }
}
