/// The parameters of one statement, encoded into a single buffer ready for libpq.
public struct PostgresBindings: Sendable, Equatable {
    struct Parameter: Sendable, Equatable {
        /// Offset of the value in `storage`, or -1 for NULL.
        var offset: Int
        var length: Int32
        var type: PostgresType
        var format: PostgresFormat
    }

    private(set) var storage: [UInt8] = []
    private(set) var parameters: [Parameter] = []
    /// Set when a value cannot be sent (a NUL byte inside text); the statement then fails before it is sent.
    private(set) var invalidParameter: Int?

    /// An empty list.
    public init() {}

    /// The number of parameters.
    public var count: Int { parameters.count }

    /// Appends a value as the next parameter.
    public mutating func append<Value: PostgresEncodable>(_ value: Value) {
        let offset = storage.count
        value.encode(into: &storage)
        let length = storage.count - offset
        if Value.postgresFormat == .text {
            // libpq reads text parameters as C strings: a NUL inside would silently cut the value.
            if storage[offset...].contains(0) { invalidParameter = invalidParameter ?? parameters.count + 1 }
            storage.append(0)
        }
        parameters.append(
            Parameter(offset: offset, length: Int32(length), type: Value.postgresType, format: Value.postgresFormat)
        )
    }

    /// Appends an optional value; `nil` becomes SQL NULL, typed like the wrapped value.
    public mutating func append<Value: PostgresEncodable>(_ value: Value?) {
        if let value { append(value) } else { appendNull(Value.postgresType) }
    }

    /// Appends SQL NULL of the given type.
    public mutating func appendNull(_ type: PostgresType = .unknown) {
        parameters.append(Parameter(offset: -1, length: 0, type: type, format: .binary))
    }

    /// Appends a parameter whose value could not be encoded; the statement will fail before it is sent.
    mutating func appendUnencodable(_ type: PostgresType) {
        appendNull(type)
        invalidParameter = invalidParameter ?? parameters.count
    }

    /// Appends every parameter of another list (used when SQL fragments are composed).
    mutating func append(contentsOf other: PostgresBindings) {
        let base = storage.count
        storage.append(contentsOf: other.storage)
        for var parameter in other.parameters {
            if parameter.offset >= 0 { parameter.offset += base }
            parameters.append(parameter)
        }
        if invalidParameter == nil, let invalid = other.invalidParameter {
            invalidParameter = parameters.count - other.parameters.count + invalid
        }
    }

    /// Calls `body` with the C arrays `PQexecParams` wants; pointers are valid only inside `body`.
    func withLibpqArrays<R>(
        _ body: (
            _ types: UnsafePointer<UInt32>?, _ values: UnsafePointer<UnsafePointer<CChar>?>?,
            _ lengths: UnsafePointer<Int32>?, _ formats: UnsafePointer<Int32>?
        ) throws -> R
    ) rethrows -> R {
        if parameters.isEmpty { return try body(nil, nil, nil, nil) }
        let types = parameters.map(\.type.oid)
        let lengths = parameters.map(\.length)
        let formats = parameters.map(\.format.rawValue)
        return try storage.withUnsafeBytes { raw in
            let base = raw.baseAddress.map { $0.assumingMemoryBound(to: CChar.self) }
            // An empty storage (only empty strings or NULLs) has no base address: point at a static byte.
            let values: [UnsafePointer<CChar>?] = parameters.map { parameter in
                guard parameter.offset >= 0 else { return nil }
                return base.map { UnsafePointer($0 + parameter.offset) } ?? emptyValue
            }
            return try body(types, values, lengths, formats)
        }
    }
}

/// A static empty C string, for parameters whose value is empty when the storage has no address.
private nonisolated(unsafe) let emptyValue: UnsafePointer<CChar> = {
    let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
    pointer.initialize(to: 0)
    return UnsafePointer(pointer)
}()
