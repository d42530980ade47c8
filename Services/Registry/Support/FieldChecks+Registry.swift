import ServiceKit

extension FieldChecks {
    /// Refuses with every problem gathered, if any: the desk's form of `check()`, which throws the
    /// domain's ``Refusal`` rather than an HTTP error.
    func refuseIfAny() throws {
        guard problems.isEmpty else { throw Refusal.invalid(problems) }
    }

    /// Reads a word of a vocabulary; anything else is a problem listing the words (as `choice` words it).
    mutating func vocabulary<Word: TextVocabulary>(_ text: String, field: String) -> Word? {
        if let word = Word(rawValue: text) { return word }
        choice(text, field: field, in: Word.names)
        return nil
    }
}
