/// A field of a PATCH body: left out (keep the value), `null` (clear it) or a new value.
enum FieldChange<Value: Decodable & Sendable>: Sendable {
    case keep
    case set(Value?)

    /// The value after the change.
    func applied(to current: Value?) -> Value? {
        switch self {
        case .keep: current
        case .set(let value): value
        }
    }
}

extension KeyedDecodingContainer {
    /// Reads a PATCH field, telling a missing key from an explicit `null`.
    func change<Value: Decodable & Sendable>(_ type: Value.Type, forKey key: Key) throws -> FieldChange<Value> {
        guard contains(key) else { return .keep }
        if try decodeNil(forKey: key) { return .set(nil) }
        return .set(try decode(Value.self, forKey: key))
    }

    /// Reads an optional field with a default when it is missing or `null`.
    func value<Value: Decodable>(_ type: Value.Type, forKey key: Key, default fallback: Value) throws -> Value {
        try decodeIfPresent(Value.self, forKey: key) ?? fallback
    }
}
